namespace SupportAgent.Core.Triage.Classification;

/// <param name="Signal">What the limits are set on: "probability", "nearest example" or "either".</param>
/// <param name="Limits">The limits that reach <see cref="OutOfScopeRecall"/>.</param>
public sealed record OutOfScopeBoundResult(string Signal, OutOfScopeLimits Limits, double OutOfScopeRecall, double InScopeAccuracy);

/// <summary>
/// The best out-of-scope recall a rule on the classifier's two signals could reach at a required in-scope accuracy, with
/// the limits chosen by looking at the test answers. That is an upper bound, not a calibration: no tenant knows which
/// messages are out of scope. It tells whether a better calibration of today's signals could meet a target at all, or
/// whether the signals themselves (the classifier and the sentence vectors) have to improve first.
/// </summary>
public static class OutOfScopeBound
{
    /// <param name="inScope">Each in-taxonomy test message's prediction and whether its category was right.</param>
    /// <param name="outOfScope">The predictions for messages of the held-out categories.</param>
    public static IReadOnlyList<OutOfScopeBoundResult> Find(IReadOnlyList<(CategoryPrediction Prediction, bool Right)> inScope,
        IReadOnlyList<CategoryPrediction> outOfScope, double requiredAccuracy)
    {
        var probabilities = Candidates(outOfScope.Select(p => p.Confidence));
        var nearest = Candidates(outOfScope.Select(p => p.Nearest));
        OutOfScopeBoundResult Best(string signal, IEnumerable<OutOfScopeLimits> grid)
        {
            var best = new OutOfScopeBoundResult(signal, OutOfScopeLimits.None, 0, Accuracy(inScope, OutOfScopeLimits.None));
            foreach (var limits in grid)
            {
                var accuracy = Accuracy(inScope, limits);
                if (accuracy < requiredAccuracy) continue;
                var recall = (double)outOfScope.Count(limits.Excludes) / outOfScope.Count;
                if (recall > best.OutOfScopeRecall) best = new OutOfScopeBoundResult(signal, limits, recall, accuracy);
            }
            return best;
        }
        return
        [
            Best("probability", probabilities.Select(p => new OutOfScopeLimits(p, -1))),
            Best("nearest example", nearest.Select(n => new OutOfScopeLimits(0, n))),
            // Either limit may also be left off (0, -1), so the pair never does worse than one signal alone: without
            // sentence vectors every nearest similarity is 1, and any nearest limit would flag every message.
            Best("either", probabilities.Prepend(0).SelectMany(p => nearest.Prepend(-1).Select(n => new OutOfScopeLimits(p, n)))),
        ];
    }

    /// <summary>Share of in-taxonomy messages given their right category and not flagged by <paramref name="limits"/>.</summary>
    public static double Accuracy(IReadOnlyList<(CategoryPrediction Prediction, bool Right)> inScope, OutOfScopeLimits limits) =>
        (double)inScope.Count(p => p.Right && !limits.Excludes(p.Prediction)) / inScope.Count;

    /// <summary>
    /// Limits worth trying: a signal's values among the held-out categories' messages, where a limit just above one of
    /// them flags it (thinned to 200 quantiles so the two-signal grid stays small).
    /// </summary>
    private static double[] Candidates(IEnumerable<double> outOfScope)
    {
        var values = outOfScope.Select(v => Math.BitIncrement(v)).Order().ToArray();
        if (values.Length <= 200) return values;
        return [.. Enumerable.Range(0, 200).Select(i => values[(int)((long)i * (values.Length - 1) / 199)]).Distinct()];
    }
}
