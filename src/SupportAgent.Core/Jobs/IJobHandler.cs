namespace SupportAgent.Core.Jobs;

/// <summary>Runs one kind of job. Resolved in a scope of its own per job; may be run again for the same subject (idempotent).</summary>
public interface IJobHandler
{
    string Kind { get; }

    /// <summary>Does the work; the token is cancelled when the lease is lost (another replica took over) or the host stops.</summary>
    Task<JobOutcome> RunAsync(ClaimedJob job, CancellationToken ct);

    /// <summary>Records that the job was given up after <see cref="JobOptions.MaxAttempts"/> claims (e.g. a document that crashes its runner).</summary>
    Task AbandonAsync(ClaimedJob job, CancellationToken ct);
}

/// <summary>
/// A handler that runs several jobs of its kind in one go when more are waiting (e.g. documents whose chunks fill one
/// embedder call). Only jobs on their first claim join a batch, so a job that keeps ending its process is run alone
/// and given up alone.
/// </summary>
public interface IBatchJobHandler : IJobHandler
{
    /// <summary>One outcome per job, in order; the token is cancelled when any job's lease is lost or the host stops.</summary>
    Task<IReadOnlyList<JobOutcome>> RunBatchAsync(IReadOnlyList<ClaimedJob> jobs, CancellationToken ct);
}

public sealed record ClaimedJob(long Id, string Kind, string TenantId, string Subject, int Generation, int Attempts, string LeaseOwner);

/// <summary>Done, or to be tried again at a time (a back-off after the index or embedder was unavailable).</summary>
public sealed record JobOutcome(DateTimeOffset? RetryAt)
{
    public static readonly JobOutcome Done = new((DateTimeOffset?)null);
    public static JobOutcome RetryLater(DateTimeOffset at) => new(at);
}
