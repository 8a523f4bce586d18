using System.ComponentModel.DataAnnotations;

namespace SupportAgent.Core.Jobs;

public sealed class JobOptions
{
    public const string SectionName = "SupportAgent:Jobs";

    /// <summary>
    /// Jobs one replica runs at once. More than one, so a tenant's heavy file occupies one worker while another
    /// tenant's small file takes the next (claims prefer the tenant with the fewest jobs running).
    /// </summary>
    [Range(1, 64)]
    public int Workers { get; set; } = 2;

    /// <summary>How long a claim holds without renewal; a replica that dies loses its jobs to the others after this.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often an idle worker looks for jobs another replica queued (its own are picked up at once).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Claims after which a job that keeps losing its runner (a crash each time) is given up as failed.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>
    /// The share of a tenant's turn each queued job takes: a tenant's n-th waiting job is ordered n × this after its
    /// first, so a tenant arriving later is served before the first tenant's backlog is through.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan FairShare { get; set; } = TimeSpan.FromSeconds(1);
}
