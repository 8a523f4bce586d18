using Microsoft.Extensions.Logging;
using SupportAgent.Core.Jobs;

namespace SupportAgent.Core.Retrieval.Reembedding;

/// <summary>
/// Re-embeds one tenant's chunks as a leased job (subject: the model to embed with). The job row is unique per tenant
/// and model, so two replicas never re-embed the same tenant at once; one that dies stops renewing its lease and
/// another replica resumes from the chunks still stale when it expires. Cancellation (a lost lease, the host
/// stopping) lands between batches or inside the embedder; a batch is written whole or not at all.
/// </summary>
public sealed class ReembedIndexJob(Reembedder reembedder, ILogger<ReembedIndexJob> log) : IJobHandler
{
    public string Kind => JobKinds.ReembedIndex;

    public async Task<JobOutcome> RunAsync(ClaimedJob job, CancellationToken ct)
    {
        if (reembedder.Target?.VectorModel != job.Subject)
        {
            // A replica configured with another model (mid rolling upgrade): the ones configured with the job's model
            // queue it again on their next sweep if their index still needs it.
            log.LogWarning("Dropping re-embedding of tenant {Tenant} with {Model}: this replica embeds with {Own}", job.TenantId, job.Subject, reembedder.Target?.VectorModel ?? "no model");
            return JobOutcome.Done;
        }
        var chunks = await reembedder.ReembedTenantAsync(job.TenantId, ct);
        log.LogInformation("Re-embedded {Chunks} chunks of tenant {Tenant} with {Model}", chunks, job.TenantId, job.Subject);
        return JobOutcome.Done;
    }

    /// <summary>Nothing to mark: the chunks keep answering lexically, and the next sweep queues the tenant again.</summary>
    public Task AbandonAsync(ClaimedJob job, CancellationToken ct)
    {
        log.LogError("Gave up re-embedding tenant {Tenant} with {Model} after {Attempts} interrupted runs", job.TenantId, job.Subject, job.Attempts - 1);
        return Task.CompletedTask;
    }
}
