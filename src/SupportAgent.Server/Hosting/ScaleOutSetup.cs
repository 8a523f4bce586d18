using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using StackExchange.Redis;
using SupportAgent.Core.Data;
using SupportAgent.Core.Hosting;

namespace SupportAgent.Server.Hosting;

/// <summary>
/// What lets any number of replicas serve one deployment: live messages travel through Redis, and the data-protection
/// key ring (console cookies, adapter API keys) lives in the shared database, so whatever one replica protected every
/// other one can read. With SQLite the same key ring simply lives in the one database file.
/// </summary>
public static class ScaleOutSetup
{
    public const string ApplicationName = "SupportAgent";

    public static WebApplicationBuilder AddScaleOut(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<RedisOptions>(RedisOptions.SectionName);
        builder.Services.AddValidatedOptions<KeyRingOptions>(KeyRingOptions.SectionName);
        var redis = builder.Configuration.GetSection(RedisOptions.SectionName).Get<RedisOptions>()?.ConnectionString;
        if (!string.IsNullOrWhiteSpace(redis))
            builder.Services.AddSignalR().AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = RedisChannel.Literal(ApplicationName));

        var dataProtection = builder.Services.AddDataProtection().SetApplicationName(ApplicationName).PersistKeysToDbContext<SupportDbContext>();
        var keyRing = builder.Configuration.GetSection(KeyRingOptions.SectionName).Get<KeyRingOptions>();
        if (!string.IsNullOrWhiteSpace(keyRing?.CertificatePath))
            dataProtection.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(keyRing.CertificatePath, keyRing.CertificatePassword));
        return builder;
    }
}
