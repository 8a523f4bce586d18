using Microsoft.EntityFrameworkCore;
using SupportAgent.Core.Data;
using SupportAgent.Core.Jobs;

namespace SupportAgent.Core.Knowledge.Ingestion;

/// <summary>
/// Indexes a document as a job: done when it is indexed or failed for good, retried at its back-off time otherwise.
/// Waiting documents are indexed up to <see cref="DocumentIngestor.DocumentsPerBatch"/> at a time, their chunks
/// embedded in one call (each document still swapped, recorded and failed on its own).
/// </summary>
public sealed class IngestDocumentJob(DocumentIndexer indexer, SupportDbContext db, TimeProvider clock) : IBatchJobHandler
{
    public string Kind => JobKinds.IngestDocument;

    public async Task<JobOutcome> RunAsync(ClaimedJob job, CancellationToken ct) => (await RunBatchAsync([job], ct))[0];

    public async Task<IReadOnlyList<JobOutcome>> RunBatchAsync(IReadOnlyList<ClaimedJob> jobs, CancellationToken ct)
    {
        var indexed = await indexer.IndexManyAsync([.. jobs.Select(j => new DocumentKey(j.TenantId, j.Subject))], ct);
        db.ChangeTracker.Clear();
        var outcomes = new JobOutcome[jobs.Count];
        for (var i = 0; i < jobs.Count; i++)
        {
            if (indexed[i] is null) { outcomes[i] = JobOutcome.Done; continue; } // deleted meanwhile
            var (tenant, id) = (jobs[i].TenantId, jobs[i].Subject);
            var document = await db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.TenantId == tenant && d.Id == id, ct);
            outcomes[i] = document switch
            {
                null => JobOutcome.Done,
                { Status: DocumentStatus.Failed, NextAttemptAt: { } retryAt } => JobOutcome.RetryLater(retryAt),
                // Uploaded again while this run indexed the previous bytes: run again for the new ones.
                { Status: DocumentStatus.Pending } => JobOutcome.RetryLater(clock.GetUtcNow()),
                _ => JobOutcome.Done,
            };
        }
        return outcomes;
    }

    /// <summary>A document whose indexing kept ending its process (a crash each time) is failed, not retried forever.</summary>
    public async Task AbandonAsync(ClaimedJob job, CancellationToken ct) =>
        await db.Documents.Where(d => d.TenantId == job.TenantId && d.Id == job.Subject && d.Status != DocumentStatus.Indexed)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, DocumentStatus.Failed)
                .SetProperty(d => d.NextAttemptAt, (DateTimeOffset?)null)
                .SetProperty(d => d.UpdatedAt, clock.GetUtcNow())
                .SetProperty(d => d.Error, $"Indexing was interrupted {job.Attempts - 1} times without finishing; upload the file again to retry."), ct);
}
