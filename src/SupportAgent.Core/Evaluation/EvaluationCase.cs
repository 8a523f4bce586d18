namespace SupportAgent.Core.Evaluation;

/// <summary>One line of an evaluation file (format in DESIGN.md). Every expectation is optional; metrics use the cases that have it.</summary>
public sealed record EvaluationCase(
    string Id,
    string Question,
    IReadOnlyList<HistoryTurn>? History = null,
    IReadOnlyList<string>? ExpectedSources = null,
    string? ExpectedDecision = null,
    string? ExpectedCategory = null);

/// <param name="Role"><c>user</c> or <c>assistant</c>.</param>
public sealed record HistoryTurn(string Role, string Text);
