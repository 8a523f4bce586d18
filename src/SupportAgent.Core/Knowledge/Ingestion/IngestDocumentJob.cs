using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SupportAgent.Core.Data;
using SupportAgent.Core.Jobs;

namespace SupportAgent.Core.Knowledge.Ingestion;

/// <summary>
/// Indexes documents as jobs: done when indexed or failed for good, retried at its back-off time otherwise. A worker
/// that claims one also takes up to <see cref="BatchSize"/> - 1 more of the same tenant's queued documents, so their
/// chunks are embedded together (short documents would otherwise embed one chunk per call); each of those is still
/// its own job, completed or released on its own, and another tenant's work stays for the other workers.
/// </summary>
public sealed class IngestDocumentJob(DocumentIndexer indexer, JobStore jobs, SupportDbContext db, TimeProvider clock, IOptions<JobOptions> options) : IJobHandler
{
    /// <summary>Documents per batch: small enough that the batch finishes well within the extra jobs' unrenewed lease.</summary>
    public const int BatchSize = 16;

    public string Kind => JobKinds.IngestDocument;

    public async Task<JobOutcome> RunAsync(ClaimedJob job, CancellationToken ct)
    {
        var batch = new List<ClaimedJob> { job };
        while (batch.Count < BatchSize && await jobs.ClaimAsync($"{job.LeaseOwner}+{batch.Count}", [Kind], ct, job.TenantId) is { } more)
        {
            // As the runner does for the first job: one that keeps ending its runner is given up, not batched again.
            if (more.Attempts <= options.Value.MaxAttempts) { batch.Add(more); continue; }
            await AbandonAsync(more, ct);
            await jobs.CompleteAsync(more, ct);
        }
        IReadOnlyList<IngestionOutcome?> outcomes;
        try { outcomes = await indexer.IndexManyAsync([.. batch.Select(j => new DocumentKey(j.TenantId, j.Subject))], ct); }
        catch
        {
            // The extra jobs go back at once (the runner handles the first one); their documents are claimed again.
            foreach (var extra in batch.Skip(1)) await jobs.ReleaseAsync(extra, clock.GetUtcNow(), CancellationToken.None);
            throw;
        }
        for (var i = 1; i < batch.Count; i++)
        {
            var outcome = await OutcomeAsync(batch[i], outcomes[i], ct);
            if (outcome.RetryAt is { } at) await jobs.ReleaseAsync(batch[i], at, ct);
            else await jobs.CompleteAsync(batch[i], ct);
        }
        return await OutcomeAsync(job, outcomes[0], ct);
    }

    private async Task<JobOutcome> OutcomeAsync(ClaimedJob job, IngestionOutcome? indexed, CancellationToken ct)
    {
        if (indexed is null) return JobOutcome.Done; // deleted meanwhile
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
