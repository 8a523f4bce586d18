namespace SupportAgent.Core.Retrieval;

/// <summary>
/// An index whose vectors are keyed by the embedding model that wrote them, and that can re-embed in place: after a
/// change of model the chunks with another model's vectors (or none) are listed and given new vectors, while lexical
/// search keeps answering. Implemented by the embedded index (vectors per row, tagged with their model) and the Qdrant
/// index (a collection per model; chunks move from an earlier model's collection to the current one);
/// <see cref="Reembedding.Reembedder"/> drives both.
/// </summary>
public interface IReembeddingIndex
{
    /// <summary>The model whose vectors searches use (the configured embedder's <c>ModelId()</c>).</summary>
    string? VectorModel { get; }

    Task<IReadOnlyList<string>> TenantsWithStaleVectorsAsync(CancellationToken ct);

    Task<int> CountStaleAsync(string tenantId, CancellationToken ct);

    /// <summary>Up to <paramref name="limit"/> of the tenant's chunks lacking a vector of <see cref="VectorModel"/>.</summary>
    Task<IReadOnlyList<StaleChunk>> StaleChunksAsync(string tenantId, int limit, CancellationToken ct);

    /// <summary>
    /// Stores vectors of <see cref="VectorModel"/> for the given chunks (as <see cref="StaleChunksAsync"/> listed them)
    /// and makes dense search see them. A chunk whose document was replaced or deleted meanwhile is not brought back.
    /// </summary>
    Task UpdateVectorsAsync(string tenantId, IReadOnlyList<(StaleChunk Chunk, float[] Vector)> vectors, CancellationToken ct);
}

/// <summary>A chunk to re-embed: <paramref name="Key"/> is the index's own row key (0 where chunks are addressed by id).</summary>
public sealed record StaleChunk(long Key, IndexedChunk Chunk)
{
    public string EmbeddingText => IndexEntry.EmbeddingText(Chunk.Title, Chunk.Heading, Chunk.Text);
}
