using Microsoft.EntityFrameworkCore;
using SupportAgent.Core.Data;
using SupportAgent.Core.Jobs;

namespace SupportAgent.Core.Knowledge.Ingestion;

/// <summary>Indexes one document as a job: done when it is indexed or failed for good, retried at its back-off time otherwise.</summary>
public sealed class IngestDocumentJob(DocumentIndexer indexer, SupportDbContext db, TimeProvider clock) : IJobHandler
{
    public string Kind => JobKinds.IngestDocument;

    public async Task<JobOutcome> RunAsync(ClaimedJob job, CancellationToken ct)
    {
        var outcome = await indexer.IndexAsync(new DocumentKey(job.TenantId, job.Subject), ct);
        if (outcome is null) return JobOutcome.Done; // deleted meanwhile
        db.ChangeTracker.Clear();
        var document = await db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.TenantId == job.TenantId && d.Id == job.Subject, ct);
        return document switch
        {
            null => JobOutcome.Done,
            { Status: DocumentStatus.Failed, NextAttemptAt: { } retryAt } => JobOutcome.RetryLater(retryAt),
            // Uploaded again while this run indexed the previous bytes: run again for the new ones.
            { Status: DocumentStatus.Pending } => JobOutcome.RetryLater(clock.GetUtcNow()),
            _ => JobOutcome.Done,
        };
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
