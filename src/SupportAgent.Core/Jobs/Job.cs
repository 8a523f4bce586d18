namespace SupportAgent.Core.Jobs;

/// <summary>
/// One piece of background work, kept in the shared database so any replica can run it. A job is leased, not taken:
/// a replica that dies stops renewing its lease, and once the lease expires another replica claims the job again.
/// (Kind, TenantId, Subject) is unique: asking again for work already waiting merges into the waiting row.
/// </summary>
public sealed class Job
{
    public long Id { get; init; }
    /// <summary>One of <see cref="JobKinds"/>; a handler is registered per kind.</summary>
    public required string Kind { get; init; }
    public required string TenantId { get; init; }
    /// <summary>What the job is about within the tenant (a document id); empty for tenant-wide work.</summary>
    public required string Subject { get; init; }
    /// <summary>Bumped whenever the job is asked for again, so work requested while it ran is not lost on completion.</summary>
    public int Generation { get; set; }
    /// <summary>Fair-share order: each tenant's jobs are spaced out, so a tenant with a hundred queued files and one with one take turns.</summary>
    public long Rank { get; set; }
    /// <summary>Not claimed before this time (a retry's back-off).</summary>
    public DateTimeOffset DueAt { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseExpiresAt { get; set; }
    /// <summary>Times the job was claimed; a job that keeps killing its runner is given up after a limit.</summary>
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}
