using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportAgent.Core.Adapters;
using SupportAgent.Core.Hosting;

namespace SupportAgent.Cli.Commands;

/// <summary>
/// The CLI's secret protector: the server's key ring in the data directory and the same purpose, so `eval` for a
/// tenant whose adapter has an API key reaches the adapter exactly as the server does.
/// </summary>
internal sealed class CliSecrets(IDataProtectionProvider provider) : ISecretProtector
{
    private readonly IDataProtector protector = provider.CreateProtector(ISecretProtector.Purpose);

    public string Protect(string secret) => protector.Protect(secret);
    public string Unprotect(string protectedSecret) => protector.Unprotect(protectedSecret);

    public static IServiceCollection Add(IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("SupportAgent");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<SupportAgentOptions>, ILoggerFactory>((o, app, logs) =>
            o.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(app.Value.ResolveDataDirectory(), "keys")), logs));
        return services.AddSingleton<ISecretProtector, CliSecrets>();
    }
}
