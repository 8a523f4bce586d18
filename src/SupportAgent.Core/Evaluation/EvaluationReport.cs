namespace SupportAgent.Core.Evaluation;

/// <summary>A metric's value over the <paramref name="Count"/> cases it applies to; null when none applies.</summary>
public sealed record Metric(double? Value, int Count);

/// <summary>A case that failed one metric, with what was expected and what happened.</summary>
public sealed record EvaluationFailure(string Id, string Metric, string Expected, string Actual);

/// <summary>The report shape from DESIGN.md. Metric keys keep the documented order.</summary>
public sealed record EvaluationReport(IReadOnlyDictionary<string, Metric> Metrics, IReadOnlyList<EvaluationFailure> Failures);

public static class MetricNames
{
    public const string HitAt1 = "hitAt1", HitAt5 = "hitAt5", RecallAt5 = "recallAt5", Mrr = "mrr";
    public const string DecisionAccuracy = "decisionAccuracy", AutoAnswerPrecision = "autoAnswerPrecision", EscalationRecall = "escalationRecall";
    public const string CategoryAccuracy = "categoryAccuracy", CategoryMacroF1 = "categoryMacroF1";
    /// <summary>Answered citing an expected source (when the case names sources), or escalated when it must be: what the customer experienced.</summary>
    public const string DecidedRight = "decidedRight";
    public const string LatencyP50Ms = "latencyP50Ms", LatencyP95Ms = "latencyP95Ms";

    /// <summary>Metrics where lower is better; every other metric is better when higher.</summary>
    public static bool LowerIsBetter(string metric) => metric is LatencyP50Ms or LatencyP95Ms;
}
