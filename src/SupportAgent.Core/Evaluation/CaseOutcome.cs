namespace SupportAgent.Core.Evaluation;

/// <summary>What the agent did on one case.</summary>
/// <param name="RetrievedDocuments">Distinct document ids in retrieval rank order.</param>
/// <param name="Decision"><c>answer</c> or <c>escalate</c>.</param>
/// <param name="CitedDocuments">Documents cited in the reply (empty when escalated).</param>
/// <param name="Reason">Why the agent escalated (the most specific reason), so a failed decision says what to look at.</param>
/// <param name="Adapter">The adapter that generated the reply, if any; <paramref name="Fallback"/> when the base model stood in for it.</param>
public sealed record CaseOutcome(EvaluationCase Case, IReadOnlyList<string> RetrievedDocuments, string Decision, string? Category, double LatencyMs,
    IReadOnlyList<string>? CitedDocuments = null, string? Adapter = null, bool Fallback = false, string? Reason = null);
