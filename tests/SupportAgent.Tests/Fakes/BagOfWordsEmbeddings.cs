using Microsoft.Extensions.AI;
using SupportAgent.Core.Retrieval;

namespace SupportAgent.Tests.Fakes;

/// <summary>
/// A deterministic stand-in for an embedding model in tests: stemmed content terms hashed into a small normalized
/// bag-of-words vector. Texts that share words are close, so dense search behaves plausibly, and the same text
/// always gets the same vector.
/// </summary>
public sealed class BagOfWordsEmbeddings(int dimensions = 64) : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelId = "test-bag-of-words";
    private readonly EmbeddingGeneratorMetadata metadata = new("tests", null, ModelId, dimensions);

    public float[] Embed(string text)
    {
        var vector = new float[dimensions];
        foreach (var term in TextAnalysis.Terms(text))
            vector[(int)(Core.Retrieval.Qdrant.SparseVectors.TermId(term) % (uint)dimensions)] += 1;
        var norm = MathF.Sqrt(vector.Sum(x => x * x));
        if (norm > 0) for (var i = 0; i < vector.Length; i++) vector[i] /= norm;
        return vector;
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(v => new Embedding<float>(Embed(v)) { ModelId = ModelId })));

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? metadata
        : serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose() { }
}
