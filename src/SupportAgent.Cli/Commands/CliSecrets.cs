using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using SupportAgent.Core.Adapters;
using SupportAgent.Core.Data;

namespace SupportAgent.Cli.Commands;

/// <summary>
/// The CLI's secret protector: the server's key ring (in the shared database) and the same purpose, so `eval` for a
/// tenant whose adapter has an API key reaches the adapter exactly as the server does.
/// </summary>
internal sealed class CliSecrets(IDataProtectionProvider provider) : ISecretProtector
{
    private readonly IDataProtector protector = provider.CreateProtector(ISecretProtector.Purpose);

    public string Protect(string secret) => protector.Protect(secret);
    public string Unprotect(string protectedSecret) => protector.Unprotect(protectedSecret);

    public static IServiceCollection Add(IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("SupportAgent").PersistKeysToDbContext<SupportDbContext>();
        return services.AddSingleton<ISecretProtector, CliSecrets>();
    }
}
