namespace SupportAgent.Core.Evaluation;

/// <summary>Pure arithmetic from outcomes to the report, kept apart from running the agent so it can be checked by hand.</summary>
public static class MetricCalculator
{
    public static EvaluationReport Calculate(IReadOnlyList<CaseOutcome> outcomes)
    {
        var metrics = new Dictionary<string, Metric>();
        var failures = new List<EvaluationFailure>();

        var retrieval = outcomes.Where(o => o.Case.ExpectedSources is { Count: > 0 }).ToList();
        metrics[MetricNames.HitAt1] = Mean(retrieval, o => Hit(o, 1));
        metrics[MetricNames.HitAt5] = Mean(retrieval, o => Hit(o, 5));
        metrics[MetricNames.RecallAt5] = Mean(retrieval, o =>
            (double)o.Case.ExpectedSources!.Distinct().Count(o.RetrievedDocuments.Take(5).Contains) / o.Case.ExpectedSources!.Distinct().Count());
        metrics[MetricNames.Mrr] = Mean(retrieval, o =>
        {
            var rank = o.RetrievedDocuments.ToList().FindIndex(d => o.Case.ExpectedSources!.Contains(d));
            return rank < 0 ? 0 : 1.0 / (rank + 1);
        });
        failures.AddRange(retrieval.Where(o => Hit(o, 5) == 0).Select(o =>
            new EvaluationFailure(o.Case.Id, MetricNames.HitAt5, string.Join(", ", o.Case.ExpectedSources!), string.Join(", ", o.RetrievedDocuments.Take(5)))));

        var decided = outcomes.Where(o => o.Case.ExpectedDecision is not null).ToList();
        metrics[MetricNames.DecisionAccuracy] = Mean(decided, o => o.Decision == o.Case.ExpectedDecision ? 1 : 0);
        metrics[MetricNames.AutoAnswerPrecision] = Mean(decided.Where(o => o.Decision == "answer").ToList(), o => o.Case.ExpectedDecision == "answer" ? 1 : 0);
        metrics[MetricNames.EscalationRecall] = Mean(decided.Where(o => o.Case.ExpectedDecision == "escalate").ToList(), o => o.Decision == "escalate" ? 1 : 0);
        failures.AddRange(decided.Where(o => o.Decision != o.Case.ExpectedDecision).Select(o =>
            new EvaluationFailure(o.Case.Id, MetricNames.DecisionAccuracy, o.Case.ExpectedDecision!, o.Reason is null ? o.Decision : $"{o.Decision} ({o.Reason})")));

        // A right decision to answer still fails the customer when the reply quotes the wrong article.
        metrics[MetricNames.DecidedRight] = Mean(decided, DecidedRight);
        failures.AddRange(decided.Where(o => o.Decision == o.Case.ExpectedDecision && DecidedRight(o) == 0).Select(o =>
            new EvaluationFailure(o.Case.Id, MetricNames.DecidedRight, string.Join(", ", o.Case.ExpectedSources!), string.Join(", ", o.CitedDocuments ?? []))));

        var categorised = outcomes.Where(o => o.Case.ExpectedCategory is not null).ToList();
        metrics[MetricNames.CategoryAccuracy] = Mean(categorised, o => o.Category == o.Case.ExpectedCategory ? 1 : 0);
        metrics[MetricNames.CategoryMacroF1] = new Metric(categorised.Count == 0 ? null : MacroF1(categorised), categorised.Count);
        failures.AddRange(categorised.Where(o => o.Category != o.Case.ExpectedCategory).Select(o =>
            new EvaluationFailure(o.Case.Id, MetricNames.CategoryAccuracy, o.Case.ExpectedCategory!, o.Category ?? "")));

        var latencies = outcomes.Select(o => o.LatencyMs).Order().ToList();
        metrics[MetricNames.LatencyP50Ms] = new Metric(Percentile(latencies, 0.50), latencies.Count);
        metrics[MetricNames.LatencyP95Ms] = new Metric(Percentile(latencies, 0.95), latencies.Count);
        return new EvaluationReport(metrics, failures);
    }

    private static double DecidedRight(CaseOutcome o) =>
        o.Decision != o.Case.ExpectedDecision ? 0
        : o.Decision == "escalate" || o.Case.ExpectedSources is not { Count: > 0 } ? 1
        : (o.CitedDocuments ?? []).Any(o.Case.ExpectedSources.Contains) ? 1 : 0;

    private static double Hit(CaseOutcome o, int k) => o.RetrievedDocuments.Take(k).Any(o.Case.ExpectedSources!.Contains) ? 1 : 0;

    private static Metric Mean(IReadOnlyList<CaseOutcome> cases, Func<CaseOutcome, double> score) =>
        new(cases.Count == 0 ? null : cases.Average(score), cases.Count);

    /// <summary>Unweighted mean of per-class F1 over every class that was expected or predicted (as scikit-learn's macro average).</summary>
    internal static double MacroF1(IReadOnlyList<CaseOutcome> cases)
    {
        var classes = cases.Select(c => c.Case.ExpectedCategory!).Concat(cases.Select(c => c.Category ?? "")).Distinct().ToList();
        return classes.Average(label =>
        {
            var tp = cases.Count(c => c.Category == label && c.Case.ExpectedCategory == label);
            var fp = cases.Count(c => c.Category == label && c.Case.ExpectedCategory != label);
            var fn = cases.Count(c => c.Category != label && c.Case.ExpectedCategory == label);
            return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
        });
    }

    /// <summary>Nearest-rank percentile: the smallest value with at least p of the values at or below it.</summary>
    internal static double? Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
