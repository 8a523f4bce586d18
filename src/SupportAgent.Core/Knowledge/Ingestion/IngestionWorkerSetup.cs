using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SupportAgent.Core.Jobs;

namespace SupportAgent.Core.Knowledge.Ingestion;

public static class IngestionWorkerSetup
{
    /// <summary>
    /// Adds background work: the sweeps that keep every waiting document (untrained classifier, tenant to re-embed) queued, and the job runner. Register it
    /// after anything that must finish first at start (migrations): hosted services start in registration order.
    /// </summary>
    public static IServiceCollection AddIngestionWorker(this IServiceCollection services)
    {
        services.AddHostedService<IngestionWorker>();
        services.AddHostedService<Triage.Classification.TriageTrainingSweep>();
        services.AddHostedService<Retrieval.Reembedding.ReembeddingSweep>();
        return services.AddJobRunner();
    }

    /// <summary>The ingestion job kind; a host that ingests in process only (or a test stopping it) turns it off with WorkerEnabled.</summary>
    internal static IServiceCollection AddIngestionJobs(this IServiceCollection services) =>
        services.AddBatchJobHandler<IngestDocumentJob>(JobKinds.IngestDocument, DocumentIngestor.DocumentsPerBatch, sp => sp.GetRequiredService<IOptions<IngestionOptions>>().Value.WorkerEnabled);
}
