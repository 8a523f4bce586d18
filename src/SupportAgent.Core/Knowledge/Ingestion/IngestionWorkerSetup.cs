using Microsoft.Extensions.DependencyInjection;

namespace SupportAgent.Core.Knowledge.Ingestion;

public static class IngestionWorkerSetup
{
    /// <summary>
    /// Adds the background indexer. Register it after anything that must finish first at start (migrations):
    /// hosted services start in registration order.
    /// </summary>
    public static IServiceCollection AddIngestionWorker(this IServiceCollection services) =>
        services.AddHostedService<IngestionWorker>();
}
