using SupportAgent.Core.Adapters;

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
        // The data-protection key ring itself is set up with the shared database (Hosting/ScaleOutSetup).
        services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        return builder;
    }
}
