namespace SupportAgent.Core.Evaluation;

/// <summary>What the agent did on one case.</summary>
/// <param name="RetrievedDocuments">Distinct document ids in retrieval rank order.</param>
/// <param name="Decision"><c>answer</c> or <c>escalate</c>.</param>
public sealed record CaseOutcome(EvaluationCase Case, IReadOnlyList<string> RetrievedDocuments, string Decision, string? Category, double LatencyMs);
