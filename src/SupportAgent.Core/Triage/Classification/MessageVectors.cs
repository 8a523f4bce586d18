using System.Numerics.Tensors;
using Microsoft.Extensions.AI;

namespace SupportAgent.Core.Triage.Classification;

/// <summary>
/// Sentence vectors of customer messages for the triage classifier, from the process's embedder (the same model
/// retrieval uses). Vectors are unit length so a dot product is the cosine similarity the out-of-scope distance needs.
/// </summary>
public sealed class MessageVectors(IEmbeddingGenerator<string, Embedding<float>>? configured = null)
{
    /// <summary>Only a real sentence model adds anything to the n-grams; a lexical embedding repeats them, slower.</summary>
    private readonly IEmbeddingGenerator<string, Embedding<float>>? embedder =
        configured is null or Retrieval.Embeddings.HashingEmbeddingGenerator || Answering.Semantic.ConfidenceCalibration.For(
            configured.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId) is null ? null : configured;

    private const int Batch = 256;

    public bool Available => embedder is not null;

    /// <summary>The model the vectors come from; a classifier trained with another model does not use them.</summary>
    public string? ModelId => embedder is null ? null
        : embedder.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId is { Length: > 0 } id ? id : embedder.GetType().Name;

    public async Task<float[][]?> EmbedAsync(IReadOnlyList<string> texts, CancellationToken ct, IProgress<int>? progress = null)
    {
        if (embedder is null) return null;
        var vectors = new List<float[]>(texts.Count);
        foreach (var batch in texts.Chunk(Batch))
        {
            var embeddings = await embedder.GenerateAsync(batch, Query, ct);
            vectors.AddRange(embeddings.Select(e => Normalised(e.Vector.ToArray())));
            progress?.Report(vectors.Count);
        }
        return [.. vectors];
    }

    public async Task<float[]?> EmbedAsync(string text, CancellationToken ct) => (await EmbedAsync([text], ct))?[0];

    /// <summary>Messages are short questions, embedded the way search queries are (models with a query instruction use it).</summary>
    private static readonly EmbeddingGenerationOptions Query = new() { AdditionalProperties = new() { ["input_type"] = "query" } };

    private static float[] Normalised(float[] vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0) TensorPrimitives.Divide(vector, norm, vector);
        return vector;
    }
}
