using SupportAgent.Core.Jobs;

namespace SupportAgent.Core.Triage.Classification;

/// <summary>
/// Retrains one tenant's classifier as a leased job (subject: empty, the whole tenant): the job row is unique per
/// tenant, so two replicas never train the same tenant at once, and a replica that dies mid-training loses the job to
/// another when its lease expires. Examples uploaded again while it trains bump the job, which then runs once more.
/// </summary>
public sealed class TrainTriageJob(TriageTrainer trainer) : IJobHandler
{
    public string Kind => JobKinds.TrainTriage;

    public async Task<JobOutcome> RunAsync(ClaimedJob job, CancellationToken ct)
    {
        await trainer.TrainAsync(job.TenantId, job.LeaseOwner, ct);
        return JobOutcome.Done;
    }

    public Task AbandonAsync(ClaimedJob job, CancellationToken ct) => trainer.RecordFailureAsync(job.TenantId, job.LeaseOwner,
        $"Training was interrupted {job.Attempts - 1} times without finishing; the previous model (if any) keeps serving. Upload the examples again to retry.", ct);
}
