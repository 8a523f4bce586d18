using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using SupportAgent.Core.Adapters;
using SupportAgent.Core.Generation;
using SupportAgent.Core.Hosting;

namespace SupportAgent.Server.Adapters;

public static class AdaptersSetup
{
    /// <summary>
    /// The adapter registry, the evaluation gate, and the adapter-aware router wrapped around whatever base router
    /// is registered so far (call after the base model is set up).
    /// </summary>
    public static WebApplicationBuilder AddAdapters(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<AdapterOptions>(AdapterOptions.SectionName);
        // Keys live in the data directory so encrypted API keys survive restarts and are shared by replicas on one volume.
        services.AddDataProtection().SetApplicationName("SupportAgent");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<SupportAgentOptions>, ILoggerFactory>((o, app, logs) =>
            o.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(app.Value.ResolveDataDirectory(), "keys")), logs));
        services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        services.AddSingleton<OutboundEndpointGuard>();
        services.AddHttpClient<AdapterServerCheck>((sp, http) =>
                http.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<AdapterOptions>>().Value.RegistrationTimeoutSeconds))
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<OutboundEndpointGuard>().CreateHandler());
        services.AddSingleton<AdapterHealth>();
        services.AddSingleton<AdapterClients>();
        services.AddScoped<AdapterRegistry>();
        services.AddScoped<AdapterEvaluator>();
        DecorateRouter(services);
        return builder;
    }

    private static void DecorateRouter(IServiceCollection services)
    {
        var inner = services.Last(d => d.ServiceType == typeof(IChatModelRouter) && !d.IsKeyedService);
        services.Remove(inner);
        services.AddSingleton<IChatModelRouter>(sp => ActivatorUtilities.CreateInstance<AdapterAwareChatModelRouter>(sp, Resolve(sp, inner)));
    }

    private static IChatModelRouter Resolve(IServiceProvider sp, ServiceDescriptor descriptor) =>
        (IChatModelRouter)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(sp)
            ?? ActivatorUtilities.CreateInstance(sp, descriptor.ImplementationType!));
}
