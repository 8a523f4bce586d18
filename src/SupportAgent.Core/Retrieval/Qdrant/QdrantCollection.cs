using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace SupportAgent.Core.Retrieval.Qdrant;

/// <summary>
/// The collection the index writes to: one per embedding model, because vectors of different models (or sizes) are
/// not comparable. <see cref="DenseSize"/> is null when no embedder is configured: the collection then holds the
/// sparse vectors only.
/// </summary>
public sealed partial record QdrantCollection(string Name, int? DenseSize)
{
    [GeneratedRegex("[^A-Za-z0-9_-]+")]
    private static partial Regex Unsafe();

    /// <summary>
    /// <c>{prefix}_{model}_{dimensions}</c> from the embedder's metadata; when the metadata has no dimensions (an
    /// OpenAI-compatible endpoint without <c>Dimensions</c> set), one probe embedding tells.
    /// </summary>
    public static async Task<QdrantCollection> ForAsync(string prefix, IEmbeddingGenerator<string, Embedding<float>>? embedder, CancellationToken ct)
    {
        if (embedder is null) return new QdrantCollection($"{prefix}_lexical", null);
        var metadata = embedder.GetService<EmbeddingGeneratorMetadata>();
        var size = metadata?.DefaultModelDimensions
            ?? (await embedder.GenerateAsync(["dimension probe"], cancellationToken: ct))[0].Vector.Length;
        var model = Unsafe().Replace(metadata?.DefaultModelId ?? "embedding", "-").Trim('-').ToLowerInvariant();
        return new QdrantCollection($"{prefix}_{(model.Length == 0 ? "embedding" : model)}_{size}", size);
    }
}
