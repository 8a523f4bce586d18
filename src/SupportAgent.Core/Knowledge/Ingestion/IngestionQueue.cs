using SupportAgent.Core.Jobs;

namespace SupportAgent.Core.Knowledge.Ingestion;

public sealed record DocumentKey(string TenantId, string DocumentId);

/// <summary>
/// The hand-off from uploads to indexing: a job row in the shared database, so whichever replica has a free worker
/// indexes the document, and a replica that dies mid-way leaves it to another. Uploading a document again while it
/// is indexed runs the job once more afterwards.
/// </summary>
public sealed class IngestionQueue(JobStore jobs, JobSignal signal)
{
    public async Task EnqueueAsync(DocumentKey key, CancellationToken ct)
    {
        await jobs.EnqueueAsync(JobKinds.IngestDocument, key.TenantId, key.DocumentId, ct);
        signal.Notify();
    }
}
