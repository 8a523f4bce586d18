namespace SupportAgent.Core.Evaluation;

/// <summary>A metric that got worse than the baseline by more than the tolerance.</summary>
public sealed record Regression(string Metric, double Baseline, double Current);

/// <summary>Compares a report with a saved baseline, for a tenant's own CI: quality metrics by absolute drop, latency by relative rise.</summary>
public static class RegressionCheck
{
    /// <param name="tolerance">Largest acceptable drop of a quality metric (e.g. 0.02 = two points).</param>
    /// <param name="latencyTolerance">Largest acceptable relative latency rise (e.g. 0.5 = 50 %); null ignores latency, which is noisy across machines.</param>
    public static IReadOnlyList<Regression> Compare(EvaluationReport baseline, EvaluationReport current, double tolerance, double? latencyTolerance = null)
    {
        var regressions = new List<Regression>();
        foreach (var (name, before) in baseline.Metrics)
        {
            if (before.Value is not { } b || !current.Metrics.TryGetValue(name, out var after) || after.Value is not { } a) continue;
            var worse = MetricNames.LowerIsBetter(name)
                ? latencyTolerance is { } lt && a > b * (1 + lt)
                : b - a > tolerance + 1e-12;
            if (worse) regressions.Add(new Regression(name, b, a));
        }
        return regressions;
    }
}
