namespace SupportAgent.Core.Triage.Classification;

public sealed record CrossValidationResult(int Examples, int Categories, int Folds, double Accuracy, double MacroF1, IReadOnlyList<double> FoldAccuracies);

/// <summary>k-fold cross-validation of the tenant classifier: every example is predicted by a model that never saw it.</summary>
public static class CrossValidation
{
    /// <param name="vectors">Each example's sentence vector, or null for n-gram features only.</param>
    public static CrossValidationResult Run(IReadOnlyList<LabelledExample> examples, int folds, int seed = 1, int? onlyFolds = null,
        Action<string>? progress = null, IReadOnlyList<float[]>? vectors = null)
    {
        var rows = ClassifierTrainer.Rows(examples, vectors);
        var expected = new List<string>();
        var predicted = new List<string>();
        var foldAccuracies = new List<double>();
        for (var fold = 0; fold < (onlyFolds ?? folds); fold++)
        {
            var (train, test) = ClassifierTrainer.Split(rows, folds, fold, seed);
            var model = ClassifierTrainer.Fit(train, seed, OutOfScopeLimits.None);
            var predictions = model.PredictAll([.. test.Select(r => r.Example.Text)], vectors is null ? null : [.. test.Select(r => r.Vector!)]);
            var correct = test.Zip(predictions).Count(x => x.First.Example.Category == x.Second.Category);
            foldAccuracies.Add((double)correct / test.Count);
            expected.AddRange(test.Select(r => r.Example.Category));
            predicted.AddRange(predictions.Select(p => p.Category));
            progress?.Invoke($"fold {fold + 1}/{folds}: accuracy {foldAccuracies[^1]:F4} ({test.Count} messages)");
        }
        return new CrossValidationResult(examples.Count, examples.Select(e => e.Category).Distinct().Count(), folds,
            Metrics.Accuracy(expected, predicted), Metrics.MacroF1(expected, predicted), foldAccuracies);
    }
}

public static class Metrics
{
    public static double Accuracy(IReadOnlyList<string> expected, IReadOnlyList<string> predicted) =>
        expected.Count == 0 ? 0 : (double)expected.Zip(predicted).Count(x => x.First == x.Second) / expected.Count;

    /// <summary>Unweighted mean of per-category F1 over the categories that occur in <paramref name="expected"/>.</summary>
    public static double MacroF1(IReadOnlyList<string> expected, IReadOnlyList<string> predicted)
    {
        var categories = expected.Distinct().ToList();
        if (categories.Count == 0) return 0;
        return categories.Average(c =>
        {
            var pairs = expected.Zip(predicted).ToList();
            double tp = pairs.Count(p => p.First == c && p.Second == c);
            double fp = pairs.Count(p => p.First != c && p.Second == c);
            double fn = pairs.Count(p => p.First == c && p.Second != c);
            return tp == 0 ? 0 : 2 * tp / (2 * tp + fp + fn);
        });
    }
}
