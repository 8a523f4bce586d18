using Microsoft.ML;

namespace SupportAgent.Core.Triage.Classification;

/// <summary>
/// Trains a tenant's classifier. A fifth of the examples is held back first to calibrate the out-of-scope
/// threshold (the confidence that only a small share of genuine in-taxonomy messages fall below), then the
/// final model is trained on everything.
/// </summary>
public static class ClassifierTrainer
{
    /// <summary>Share of held-back in-taxonomy messages allowed to be flagged out of scope.</summary>
    public const double FalseOutOfScopeRate = 0.05;

    public static TextClassifier Train(IReadOnlyList<LabelledExample> examples, int seed = 1)
    {
        var (train, held) = Split(examples, folds: 5, fold: 0, seed);
        var threshold = 0.0;
        if (held.Count >= 10 && train.Select(e => e.Category).Distinct().Count() >= 2)
        {
            var probe = Fit(train, seed, threshold: 0);
            var confidences = probe.PredictAll(held.Select(e => e.Text)).Select(p => p.Confidence).Order().ToList();
            threshold = confidences[(int)Math.Floor(FalseOutOfScopeRate * (confidences.Count - 1))];
        }
        return Fit(examples, seed, threshold);
    }

    internal static TextClassifier Fit(IReadOnlyList<LabelledExample> examples, int seed, double threshold)
    {
        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(examples.Select(e => ClassifierInput.From(e.Text, e.Category)), TextClassifier.InputSchemaDefinition.Value);
        var model = ClassifierPipeline.Build(ml).Fit(data);
        return new TextClassifier(ml, model, data.Schema, threshold);
    }

    /// <summary>A seeded shuffle, then every k-th example (by position) goes to fold <paramref name="fold"/>.</summary>
    public static (List<LabelledExample> Train, List<LabelledExample> Test) Split(IReadOnlyList<LabelledExample> examples, int folds, int fold, int seed)
    {
        var shuffled = examples.OrderBy(_ => 0).ToList();
        new Random(seed).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(shuffled));
        var train = new List<LabelledExample>();
        var test = new List<LabelledExample>();
        for (var i = 0; i < shuffled.Count; i++) (i % folds == fold ? test : train).Add(shuffled[i]);
        return (train, test);
    }
}
