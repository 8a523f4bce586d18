using Microsoft.ML;
using Microsoft.ML.Data;

namespace SupportAgent.Core.Triage.Classification;

/// <summary>A trained category model with its labels and the confidence below which a message fits no category.</summary>
public sealed class TextClassifier
{
    private readonly MLContext ml;
    private readonly ITransformer model;
    private readonly PredictionEngine<ClassifierInput, ClassifierOutput> engine;
    private readonly Lock gate = new();

    internal TextClassifier(MLContext ml, ITransformer model, DataViewSchema inputSchema, double outOfScopeBelow)
    {
        this.ml = ml;
        this.model = model;
        InputSchema = inputSchema;
        OutOfScopeBelow = outOfScopeBelow;
        engine = ml.Model.CreatePredictionEngine<ClassifierInput, ClassifierOutput>(model, inputSchema);
        Labels = LabelsOf(engine.OutputSchema);
    }

    public IReadOnlyList<string> Labels { get; }

    /// <summary>Calibrated on held-back examples: a top probability below this means "fits no category".</summary>
    public double OutOfScopeBelow { get; }

    internal DataViewSchema InputSchema { get; }
    internal ITransformer Model => model;

    public CategoryPrediction Predict(string text)
    {
        float[] scores;
        lock (gate) scores = engine.Predict(ClassifierInput.From(text)).Score;
        return Top(scores);
    }

    /// <summary>Batch prediction, much faster than one at a time (used by cross-validation and calibration).</summary>
    public IReadOnlyList<CategoryPrediction> PredictAll(IEnumerable<string> texts)
    {
        var data = ml.Data.LoadFromEnumerable(texts.Select(t => ClassifierInput.From(t)), InputSchemaDefinition.Value);
        return [.. ml.Data.CreateEnumerable<ClassifierOutput>(model.Transform(data), reuseRowObject: false).Select(o => Top(o.Score))];
    }

    private CategoryPrediction Top(float[] scores)
    {
        var best = 0;
        for (var i = 1; i < scores.Length; i++) if (scores[i] > scores[best]) best = i;
        return new CategoryPrediction(Labels[best], scores[best]);
    }

    private static string[] LabelsOf(DataViewSchema schema)
    {
        VBuffer<ReadOnlyMemory<char>> names = default;
        schema["Score"].GetSlotNames(ref names);
        return [.. names.DenseValues().Select(n => n.ToString())];
    }

    internal static readonly Lazy<SchemaDefinition> InputSchemaDefinition = new(() => SchemaDefinition.Create(typeof(ClassifierInput)));
}

public sealed record CategoryPrediction(string Category, double Confidence);
