using System.Collections.Concurrent;
using System.Numerics.Tensors;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace SupportAgent.Core.Triage.Classification;

/// <summary>
/// A trained category model with its labels, the sentence vectors of the examples it was trained on, and the two
/// calibrated limits below which a message fits no category: the top class probability, and the similarity to the
/// nearest training example. A message can be confidently assigned to the least-bad class while looking like none of
/// the tenant's examples; the distance catches that, the probability catches messages between two close categories.
/// </summary>
public sealed class TextClassifier
{
    private readonly MLContext ml;
    private readonly ITransformer model;
    private readonly SchemaDefinition inputDefinition;
    private readonly float[][] exampleVectors;

    /// <summary>
    /// A prediction engine is not thread-safe, and one shared engine behind a lock had concurrent turns queue (and spin)
    /// on it at chat load. Engines are taken from this pool and returned after each prediction, so the pool grows to the
    /// number of predictions running at once and no further. Every engine wraps the same trained model: same scores.
    /// </summary>
    private readonly ConcurrentBag<PredictionEngine<ClassifierInput, ClassifierOutput>> engines = [];

    internal TextClassifier(MLContext ml, ITransformer model, DataViewSchema inputSchema, OutOfScopeLimits limits, float[][] exampleVectors, int vectorDimensions)
    {
        this.ml = ml;
        this.model = model;
        this.exampleVectors = exampleVectors;
        InputSchema = inputSchema;
        Limits = limits;
        VectorDimensions = vectorDimensions;
        inputDefinition = InputDefinition(vectorDimensions);
        var engine = NewEngine();
        Labels = LabelsOf(engine.OutputSchema);
        engines.Add(engine);
    }

    public IReadOnlyList<string> Labels { get; }

    /// <summary>Calibrated on held-back examples: below either limit a message "fits no category".</summary>
    public OutOfScopeLimits Limits { get; }

    /// <summary>Top probability below which a message fits no category (kept for the status shown to admins).</summary>
    public double OutOfScopeBelow => Limits.Probability;

    /// <summary>The embedding model whose vectors the classifier learned from (null without vectors).</summary>
    public string? EmbeddingModel { get; internal set; }

    /// <summary>Width of the sentence vectors the model was trained with; 0 when it has none.</summary>
    public int VectorDimensions { get; }

    internal DataViewSchema InputSchema { get; }
    internal ITransformer Model => model;
    internal float[][] ExampleVectors => exampleVectors;

    public CategoryPrediction Predict(string text, float[]? vector = null)
    {
        var engine = engines.TryTake(out var pooled) ? pooled : NewEngine();
        float[] scores;
        try { scores = engine.Predict(ClassifierInput.From(text, Fit(vector))).Score; }
        finally { engines.Add(engine); }
        return Top(scores, Nearest(vector));
    }

    private PredictionEngine<ClassifierInput, ClassifierOutput> NewEngine() =>
        ml.Model.CreatePredictionEngine<ClassifierInput, ClassifierOutput>(model, inputSchemaDefinition: inputDefinition);

    /// <summary>Batch prediction, much faster than one at a time (used by cross-validation and calibration).</summary>
    public IReadOnlyList<CategoryPrediction> PredictAll(IReadOnlyList<string> texts, IReadOnlyList<float[]>? vectors = null)
    {
        var rows = texts.Select((t, i) => ClassifierInput.From(t, Fit(vectors?[i])));
        var data = ml.Data.LoadFromEnumerable(rows, inputDefinition);
        return [.. ml.Data.CreateEnumerable<ClassifierOutput>(model.Transform(data), reuseRowObject: false)
            .Select((o, i) => Top(o.Score, Nearest(vectors?[i])))];
    }

    public bool IsOutOfScope(CategoryPrediction prediction) => Limits.Excludes(prediction);

    /// <summary>Cosine similarity to the closest training example (vectors are unit length); 1 when there are no vectors.</summary>
    private double Nearest(float[]? vector)
    {
        if (vector is null || vector.Length != VectorDimensions || exampleVectors.Length == 0) return 1;
        var best = float.MinValue;
        foreach (var example in exampleVectors) best = Math.Max(best, TensorPrimitives.Dot(example, vector));
        return best;
    }

    /// <summary>A vector of the wrong width (the embedder changed since training) is replaced by zeros rather than failing.</summary>
    private float[] Fit(float[]? vector) =>
        VectorDimensions == 0 ? [] : vector is { } v && v.Length == VectorDimensions ? v : new float[VectorDimensions];

    private CategoryPrediction Top(float[] scores, double nearest)
    {
        var best = 0;
        for (var i = 1; i < scores.Length; i++) if (scores[i] > scores[best]) best = i;
        return new CategoryPrediction(Labels[best], scores[best], nearest);
    }

    private static string[] LabelsOf(DataViewSchema schema)
    {
        VBuffer<ReadOnlyMemory<char>> names = default;
        schema["Score"].GetSlotNames(ref names);
        return [.. names.DenseValues().Select(n => n.ToString())];
    }

    /// <summary>The input columns, with the vector's width fixed so the features can be concatenated.</summary>
    internal static SchemaDefinition InputDefinition(int vectorDimensions)
    {
        var definition = SchemaDefinition.Create(typeof(ClassifierInput));
        definition[nameof(ClassifierInput.Vector)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, vectorDimensions);
        return definition;
    }
}

/// <param name="Nearest">Cosine similarity to the nearest training example (1 when the model has no vectors).</param>
public sealed record CategoryPrediction(string Category, double Confidence, double Nearest = 1);

/// <summary>A message is out of scope when its top probability or its similarity to the nearest example falls below its limit.</summary>
public sealed record OutOfScopeLimits(double Probability, double Nearest)
{
    public static readonly OutOfScopeLimits None = new(0, -1);

    public bool Excludes(CategoryPrediction p) => p.Confidence < Probability || p.Nearest < Nearest;
}
