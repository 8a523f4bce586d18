using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SupportAgent.Core.Hosting;

namespace SupportAgent.Core.Adapters;

public static class AdapterServices
{
    /// <summary>
    /// Tenants' LoRA adapters: the registry, the evaluation gate, and the health that feeds the breaker. The router that
    /// sends a tenant's generation to its active adapter is registered with the base model (<c>AddBaseChatModel</c>),
    /// so every host — the server, the CLI — runs the same agent. The host supplies <see cref="ISecretProtector"/>.
    /// </summary>
    public static IServiceCollection AddAdapters(this IServiceCollection services)
    {
        services.AddValidatedOptions<AdapterOptions>(AdapterOptions.SectionName);
        // Tenant-supplied endpoints: every connection to them goes through the guard (public addresses only).
        services.AddSingleton<OutboundEndpointGuard>();
        services.AddHttpClient<AdapterServerCheck>((sp, http) =>
                http.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<AdapterOptions>>().Value.RegistrationTimeoutSeconds))
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<OutboundEndpointGuard>().CreateHandler());
        services.TryAddSingleton<ISecretProtector, UnavailableSecretProtector>();
        services.AddSingleton<AdapterHealth>();
        services.AddSingleton<AdapterClients>();
        services.AddScoped<AdapterRegistry>();
        services.AddScoped<AdapterEvaluator>();
        return services;
    }
}
