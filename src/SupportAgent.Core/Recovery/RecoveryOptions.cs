using System.ComponentModel.DataAnnotations;

namespace SupportAgent.Core.Recovery;

/// <summary>What the server tidies up at start after a crash (<c>SupportAgent:Recovery</c>).</summary>
public sealed class RecoveryOptions
{
    public const string SectionName = "SupportAgent:Recovery";

    /// <summary>
    /// A customer message without a decision is taken as interrupted once it is this old: younger ones may still be in a
    /// turn on another replica. At start every older one is answered or escalated; one more pass follows after this long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan InterruptedTurnMinAge { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Evaluation conversations older than this were left by a run that never finished (a crash) and are deleted at start.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan AbandonedEvaluationAge { get; set; } = TimeSpan.FromHours(1);
}
