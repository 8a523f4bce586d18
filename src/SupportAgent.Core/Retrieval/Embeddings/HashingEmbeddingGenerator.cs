using System.Numerics.Tensors;
using Microsoft.Extensions.AI;

namespace SupportAgent.Core.Retrieval.Embeddings;

/// <summary>
/// A lexical hashing embedding, not a learned one: content words, word bigrams and character n-grams of each word
/// are hashed into signed buckets and the vector is L2-normalised. It needs no model and is deterministic, so the
/// embedded default works on a fresh machine; its "semantics" are spelling overlap (ship/shipping/shipment,
/// typos, compound words), which complements BM25's exact stems in hybrid search. Use a real model
/// (<c>openai</c> or <c>onnx</c>) for paraphrase matching.
/// </summary>
public sealed class HashingEmbeddingGenerator(int dimensions = HashingEmbeddingGenerator.DefaultDimensions) : IEmbeddingGenerator<string, Embedding<float>>
{
    public const int DefaultDimensions = 1024;
    public const string ModelName = "lexical-hashing-v1";
    private readonly EmbeddingGeneratorMetadata metadata = new("hashing", null, ModelName, dimensions);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var value in values) result.Add(new Embedding<float>(Embed(value)) { ModelId = ModelName });
        return Task.FromResult(result);
    }

    public float[] Embed(string text)
    {
        var vector = new float[dimensions];
        var words = TextAnalysis.Terms(text);
        for (var i = 0; i < words.Count; i++)
        {
            Add(vector, "w:" + words[i], 1.0f);
            if (i > 0) Add(vector, $"b:{words[i - 1]} {words[i]}", 0.5f);
            // Character n-grams of the bounded word tie inflections and misspellings together.
            var bounded = $"<{words[i]}>";
            var grams = Math.Max(1, bounded.Length - 2);
            for (var n = 3; n <= 4; n++)
                for (var s = 0; s + n <= bounded.Length; s++)
                    Add(vector, "c:" + bounded.Substring(s, n), 0.6f / grams);
        }
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0) TensorPrimitives.Divide(vector, norm, vector);
        return vector;
    }

    private void Add(float[] vector, string feature, float weight)
    {
        var hash = Fnv1a(feature);
        // One hash gives both the bucket and the sign, so collisions cancel out on average instead of piling up.
        vector[(int)(hash % (uint)dimensions)] += (hash & 0x8000_0000) == 0 ? weight : -weight;
    }

    /// <summary>FNV-1a: stable across processes and runtimes, unlike string.GetHashCode, so stored vectors stay valid.</summary>
    private static uint Fnv1a(string s)
    {
        var hash = 2166136261u;
        foreach (var c in s) { hash ^= c; hash *= 16777619u; }
        return hash;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata) ? metadata
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose() { }
}
