namespace SupportAgent.Core.Triage.Classification;

/// <param name="InScopeAccuracy">Share of in-taxonomy test messages given their right category and not flagged out of scope.</param>
/// <param name="ClassifierAccuracy">Share of in-taxonomy test messages given their right category, nothing flagged: the ceiling of <see cref="InScopeAccuracy"/>.</param>
/// <param name="OutOfScopeRecall">Share of messages from the held-out categories flagged out of scope.</param>
public sealed record OutOfScopeResult(IReadOnlyList<string> OutOfScopeCategories, int InScopeTests, int OutOfScopeTests,
    double InScopeAccuracy, double ClassifierAccuracy, double OutOfScopeRecall, double FalseOutOfScopeRate, OutOfScopeLimits Limits,
    IReadOnlyList<OutOfScopeBoundResult> Bounds);

/// <summary>
/// Out-of-scope detection measured the way a tenant meets it: some categories are held out of training entirely, the
/// classifier is trained (with its calibration) on the rest, and the test fold of every category is predicted.
/// </summary>
public static class OutOfScopeValidation
{
    public static OutOfScopeResult Run(IReadOnlyList<LabelledExample> examples, int outOfScopeCategories, int folds, int fold, int seed,
        IReadOnlyList<float[]>? vectors, double falseOutOfScopeRate, Action<string>? progress = null, double boundAccuracy = 0.90)
    {
        var categories = examples.Select(e => e.Category).Distinct().Order(StringComparer.Ordinal).ToList();
        new Random(seed).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(categories));
        var held = categories.Take(outOfScopeCategories).ToHashSet();
        var rows = ClassifierTrainer.Rows(examples, vectors);
        var (train, test) = ClassifierTrainer.Split(rows, folds, fold, seed);
        var inScopeTrain = train.Where(r => !held.Contains(r.Example.Category)).ToList();
        progress?.Invoke($"training on {inScopeTrain.Count} messages of {categories.Count - held.Count} categories; held out: {string.Join(", ", held.Order())}");
        var model = ClassifierTrainer.Train([.. inScopeTrain.Select(r => r.Example)], vectors is null ? null : [.. inScopeTrain.Select(r => r.Vector!)],
            seed, falseOutOfScopeRate);
        var predictions = model.PredictAll([.. test.Select(r => r.Example.Text)], vectors is null ? null : [.. test.Select(r => r.Vector!)]);
        var pairs = test.Zip(predictions).ToList();
        var inScope = pairs.Where(p => !held.Contains(p.First.Example.Category)).ToList();
        var outOfScope = pairs.Where(p => held.Contains(p.First.Example.Category)).Select(p => p.Second).ToList();
        var judged = inScope.Select(p => (p.Second, p.Second.Category == p.First.Example.Category)).ToList();
        return new OutOfScopeResult([.. held.Order()], inScope.Count, outOfScope.Count,
            OutOfScopeBound.Accuracy(judged, model.Limits),
            OutOfScopeBound.Accuracy(judged, OutOfScopeLimits.None),
            (double)outOfScope.Count(model.IsOutOfScope) / outOfScope.Count,
            (double)inScope.Count(p => model.IsOutOfScope(p.Second)) / inScope.Count,
            model.Limits,
            OutOfScopeBound.Find(judged, outOfScope, boundAccuracy));
    }
}
