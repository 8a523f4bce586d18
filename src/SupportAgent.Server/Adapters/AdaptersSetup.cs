using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using SupportAgent.Core.Adapters;
using SupportAgent.Core.Hosting;

namespace SupportAgent.Server.Adapters;

public static class AdaptersSetup
{
    /// <summary>
    /// The host's part of adapters: the secret protector that encrypts their API keys. Core registers the rest
    /// (registry, evaluation gate, adapter-aware routing), the same for the server and the CLI.
    /// </summary>
    public static WebApplicationBuilder AddAdapters(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // Keys live in the data directory so encrypted API keys survive restarts and are shared by replicas on one volume.
        services.AddDataProtection().SetApplicationName("SupportAgent");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<SupportAgentOptions>, ILoggerFactory>((o, app, logs) =>
            o.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(app.Value.ResolveDataDirectory(), "keys")), logs));
        services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        return builder;
    }
}
