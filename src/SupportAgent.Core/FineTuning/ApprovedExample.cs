using SupportAgent.Core.Conversations;

namespace SupportAgent.Core.FineTuning;

/// <summary>A customer question and the reply staff sent for it, with the passages the agent had retrieved.</summary>
/// <param name="Stable">False when a cited document changed after staff answered: the reply may be out of date.</param>
public sealed record ApprovedExample(string EscalationId, string Question, string Answer, IReadOnlyList<Citation> Passages, bool Stable,
    DateTimeOffset ResolvedAt);
