namespace SupportAgent.Core.Triage.Classification;

public sealed record CrossValidationResult(int Examples, int Categories, int Folds, double Accuracy, double MacroF1, IReadOnlyList<double> FoldAccuracies);

/// <summary>k-fold cross-validation of the tenant classifier: every example is predicted by a model that never saw it.</summary>
public static class CrossValidation
{
    public static CrossValidationResult Run(IReadOnlyList<LabelledExample> examples, int folds, int seed = 1, int? onlyFolds = null, Action<string>? progress = null)
    {
        var expected = new List<string>();
        var predicted = new List<string>();
        var foldAccuracies = new List<double>();
        for (var fold = 0; fold < (onlyFolds ?? folds); fold++)
        {
            var (train, test) = ClassifierTrainer.Split(examples, folds, fold, seed);
            var model = ClassifierTrainer.Fit(train, seed, threshold: 0);
            var predictions = model.PredictAll(test.Select(e => e.Text));
            var correct = test.Zip(predictions).Count(x => x.First.Category == x.Second.Category);
            foldAccuracies.Add((double)correct / test.Count);
            expected.AddRange(test.Select(e => e.Category));
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
