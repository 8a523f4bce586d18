using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SupportAgent.Core.Knowledge.Ingestion;

public static class IngestionWorkerSetup
{
    /// <summary>
    /// Adds the background indexer. Register it after anything that must finish first at start (migrations):
    /// hosted services start in registration order.
    /// </summary>
    public static IServiceCollection AddIngestionWorker(this IServiceCollection services) =>
        services.AddHostedService(sp => sp.GetRequiredService<IOptions<IngestionOptions>>().Value.WorkerEnabled
            ? ActivatorUtilities.CreateInstance<IngestionWorker>(sp)
            : (Microsoft.Extensions.Hosting.IHostedService)new DisabledWorker());

    private sealed class DisabledWorker : Microsoft.Extensions.Hosting.IHostedService
    {
        public Task StartAsync(CancellationToken ct) => Task.CompletedTask;
        public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    }
}
