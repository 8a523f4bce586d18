namespace SupportAgent.Core.Adapters;

/// <summary>Base model vs adapter on the same evaluation cases: the evidence behind activating (or not).</summary>
public sealed class AdapterComparison
{
    public int Cases { get; set; }
    public RouteScore Base { get; set; } = new();
    public RouteScore Adapter { get; set; } = new();
    public double DecisionAccuracyTolerance { get; set; }
    public double CitationValidityTolerance { get; set; }
    public bool Passed { get; set; }
    /// <summary>The verdict in words, e.g. "decision accuracy 0.60 is below the base model's 0.90 (tolerance 0.02)".</summary>
    public string Verdict { get; set; } = "";
    public DateTimeOffset EvaluatedAt { get; set; }
}

/// <param name="DecisionAccuracy">Share of cases with an expected decision where the decision matched; null if none had one.</param>
/// <param name="CitationValidity">Share of answered replies whose citations are all valid; null if nothing was answered.</param>
public sealed record RouteScore(double? DecisionAccuracy = null, int DecisionCount = 0, double? CitationValidity = null, int CitationCount = 0,
    int Failures = 0);
