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

public sealed record ClaimedJob(long Id, string Kind, string TenantId, string Subject, int Generation, int Attempts, string LeaseOwner);

/// <summary>Done, or to be tried again at a time (a back-off after the index or embedder was unavailable).</summary>
public sealed record JobOutcome(DateTimeOffset? RetryAt)
{
    public static readonly JobOutcome Done = new((DateTimeOffset?)null);
    public static JobOutcome RetryLater(DateTimeOffset at) => new(at);
}
