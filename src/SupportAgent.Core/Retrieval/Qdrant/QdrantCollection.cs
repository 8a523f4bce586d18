using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using SupportAgent.Core.Retrieval.Embeddings;

namespace SupportAgent.Core.Retrieval.Qdrant;

/// <summary>
/// The collection the index writes to: one per embedding model, because vectors of different models (or sizes) are
/// not comparable. Switching the configured embedder therefore starts a new collection instead of mixing vectors.
/// <see cref="DenseSize"/> is null when no embedder is configured: the collection then holds the sparse vectors only.
/// </summary>
public sealed partial record QdrantCollection(string Name, int? DenseSize)
{
    /// <summary>
    /// This deployment's collections of earlier embedding models (found when the collection is opened, by the owner
    /// recorded in their metadata): re-embedding moves their points here, and searches read them lexically meanwhile.
    /// </summary>
    public IReadOnlyList<string> Previous { get; init; } = [];

    [GeneratedRegex("[^A-Za-z0-9_-]+")]
    private static partial Regex Unsafe();

    /// <summary>
    /// <c>{prefix}_{model}_{dimensions}</c> from the embedder's model id (the id every index keys vectors by); when the
    /// metadata has no dimensions (an OpenAI-compatible endpoint without <c>Dimensions</c> set), one probe embedding tells.
    /// </summary>
    public static async Task<QdrantCollection> ForAsync(string prefix, IEmbeddingGenerator<string, Embedding<float>>? embedder, CancellationToken ct)
    {
        if (embedder is null) return new QdrantCollection($"{prefix}_lexical", null);
        var size = embedder.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelDimensions
            ?? (await embedder.GenerateAsync(["dimension probe"], cancellationToken: ct))[0].Vector.Length;
        var id = embedder.ModelId();
        if (id.EndsWith($"@{size}", StringComparison.Ordinal)) id = id[..id.LastIndexOf('@')];
        var model = Unsafe().Replace(id, "-").Trim('-').ToLowerInvariant();
        return new QdrantCollection($"{prefix}_{(model.Length == 0 ? "embedding" : model)}_{size}", size);
    }
}
