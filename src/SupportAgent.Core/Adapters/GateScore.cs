using System.Globalization;
using SupportAgent.Core.Evaluation;

namespace SupportAgent.Core.Adapters;

/// <summary>Pure scoring for the evaluation gate, kept apart from running the agent so the rule can be checked by hand.</summary>
public static class GateScore
{
    /// <param name="adapter">The adapter this side was pinned to, or null for the base model.</param>
    public static RouteScore Of(IReadOnlyList<CaseOutcome> outcomes, string? adapter)
    {
        // An answer on the adapter side that the adapter did not write (it failed and something else stood in) is the adapter's failure.
        bool ByThisRoute(CaseOutcome o) => adapter is null ? o.Adapter is null : o.Adapter == adapter && !o.Fallback;
        var failures = outcomes.Count(o => o.Decision == "answer" && !ByThisRoute(o));

        var decided = outcomes.Where(o => o.Case.ExpectedDecision is not null).ToList();
        var right = decided.Count(o => o.Case.ExpectedDecision == "escalate" ? o.Decision == "escalate" : o.Decision == "answer" && ByThisRoute(o));

        var answered = outcomes.Where(o => o.Decision == "answer").ToList();
        var valid = answered.Count(o => ByThisRoute(o) && o.CitedDocuments is { Count: > 0 } cited
            && (o.Case.ExpectedSources is not { Count: > 0 } expected || cited.All(expected.Contains)));

        return new RouteScore(decided.Count == 0 ? null : (double)right / decided.Count, decided.Count,
            answered.Count == 0 ? null : (double)valid / answered.Count, answered.Count, failures);
    }

    public static (bool Passed, string Verdict) Judge(RouteScore baseScore, RouteScore adapterScore, AdapterOptions settings)
    {
        if (baseScore.DecisionAccuracy is null && baseScore.CitationValidity is null)
            return (false, "no case could be scored: give cases an 'expectedDecision' (and 'expectedSources' for citations)");
        var shortfalls = new List<string>();
        Compare("decision accuracy", baseScore.DecisionAccuracy, adapterScore.DecisionAccuracy, settings.DecisionAccuracyTolerance, shortfalls);
        Compare("citation validity", baseScore.CitationValidity, adapterScore.CitationValidity, settings.CitationValidityTolerance, shortfalls);
        return shortfalls.Count == 0
            ? (true, $"the adapter is at least as good as the base model (decision accuracy {F(adapterScore.DecisionAccuracy)} vs {F(baseScore.DecisionAccuracy)}, "
                + $"citation validity {F(adapterScore.CitationValidity)} vs {F(baseScore.CitationValidity)})")
            : (false, string.Join("; ", shortfalls));
    }

    private static void Compare(string metric, double? baseValue, double? adapterValue, double tolerance, List<string> shortfalls)
    {
        if (baseValue is null) return; // nothing to compare on this metric
        if (adapterValue is null) shortfalls.Add($"{metric} could not be measured for the adapter (the base model scored {F(baseValue)})");
        else if (adapterValue < baseValue - tolerance - 1e-9)
            shortfalls.Add($"{metric} {F(adapterValue)} is below the base model's {F(baseValue)} (tolerance {tolerance.ToString("0.00", CultureInfo.InvariantCulture)})");
    }

    private static string F(double? value) => value is null ? "n/a" : value.Value.ToString("0.00", CultureInfo.InvariantCulture);
}
