using Microsoft.ML;

namespace SupportAgent.Core.Triage.Classification;

/// <summary>
/// Trains a tenant's classifier. A fifth of the examples is held back first to calibrate the out-of-scope limits
/// (the top probability, and the similarity to the nearest training example, that only a small share of genuine
/// in-taxonomy messages fall below), then the final model is trained on everything.
/// </summary>
public static class ClassifierTrainer
{
    /// <summary>Share of held-back in-taxonomy messages allowed to be flagged out of scope (split between the two limits).</summary>
    public const double FalseOutOfScopeRate = 0.05;

    /// <param name="vectors">Each example's sentence vector (unit length), or null to train on n-grams alone.</param>
    public static TextClassifier Train(IReadOnlyList<LabelledExample> examples, IReadOnlyList<float[]>? vectors = null, int seed = 1,
        double falseOutOfScopeRate = FalseOutOfScopeRate)
    {
        var rows = Rows(examples, vectors);
        var (train, held) = Split(rows, folds: 5, fold: 0, seed);
        var limits = OutOfScopeLimits.None;
        if (held.Count >= 10 && train.Select(e => e.Example.Category).Distinct().Count() >= 2)
        {
            var probe = Fit(train, seed, OutOfScopeLimits.None);
            limits = Calibrate(probe.PredictAll([.. held.Select(e => e.Example.Text)], vectors is null ? null : [.. held.Select(e => e.Vector!)]),
                hasVectors: vectors is not null, falseOutOfScopeRate);
        }
        return Fit(rows, seed, limits);
    }

    /// <summary>
    /// Each limit is the quantile of its signal over held-back in-taxonomy messages; with vectors the allowed share of
    /// false out-of-scope flags is split evenly between the probability and the distance.
    /// </summary>
    internal static OutOfScopeLimits Calibrate(IReadOnlyList<CategoryPrediction> held, bool hasVectors, double rate)
    {
        var share = hasVectors ? rate / 2 : rate;
        var probability = Quantile([.. held.Select(p => p.Confidence).Order()], share);
        var nearest = hasVectors ? Quantile([.. held.Select(p => p.Nearest).Order()], share) : -1;
        return new OutOfScopeLimits(probability, nearest);
    }

    private static double Quantile(List<double> sorted, double share) => sorted[(int)Math.Floor(share * (sorted.Count - 1))];

    internal static TextClassifier Fit(IReadOnlyList<TrainingRow> rows, int seed, OutOfScopeLimits limits)
    {
        var dimensions = rows.FirstOrDefault()?.Vector?.Length ?? 0;
        var ml = new MLContext(seed);
        var definition = TextClassifier.InputDefinition(dimensions);
        var data = ml.Data.LoadFromEnumerable(rows.Select(r => ClassifierInput.From(r.Example.Text, dimensions == 0 ? null : r.Vector, r.Example.Category)), definition);
        var model = ClassifierPipeline.Build(ml, dimensions).Fit(data);
        return new TextClassifier(ml, model, data.Schema, limits, dimensions == 0 ? [] : [.. rows.Select(r => r.Vector!)], dimensions);
    }

    public static TextClassifier Fit(IReadOnlyList<LabelledExample> examples, int seed, IReadOnlyList<float[]>? vectors = null) =>
        Fit(Rows(examples, vectors), seed, OutOfScopeLimits.None);

    internal static List<TrainingRow> Rows(IReadOnlyList<LabelledExample> examples, IReadOnlyList<float[]>? vectors) =>
        [.. examples.Select((e, i) => new TrainingRow(e, vectors?[i]))];

    /// <summary>A seeded shuffle, then every k-th example (by position) goes to fold <paramref name="fold"/>.</summary>
    public static (List<T> Train, List<T> Test) Split<T>(IReadOnlyList<T> examples, int folds, int fold, int seed)
    {
        var shuffled = examples.OrderBy(_ => 0).ToList();
        new Random(seed).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(shuffled));
        var train = new List<T>();
        var test = new List<T>();
        for (var i = 0; i < shuffled.Count; i++) (i % folds == fold ? test : train).Add(shuffled[i]);
        return (train, test);
    }
}

/// <summary>An example with its sentence vector, kept together through shuffles and splits.</summary>
internal sealed record TrainingRow(LabelledExample Example, float[]? Vector);
