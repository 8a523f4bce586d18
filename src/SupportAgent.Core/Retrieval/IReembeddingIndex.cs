namespace SupportAgent.Core.Retrieval;

/// <summary>
/// An index whose vectors are keyed by the embedding model that wrote them, and that can re-embed in place: after a
/// change of model the chunks with another model's vectors (or none) are listed and given new vectors, while lexical
/// search keeps answering. Implemented by the embedded index; <see cref="Reembedding.Reembedder"/> drives it.
/// </summary>
public interface IReembeddingIndex
{
    /// <summary>The model whose vectors searches use (the configured embedder's <c>ModelId()</c>).</summary>
    string? VectorModel { get; }

    Task<IReadOnlyList<string>> TenantsWithStaleVectorsAsync(CancellationToken ct);

    Task<int> CountStaleAsync(string tenantId, CancellationToken ct);

    /// <summary>Up to <paramref name="limit"/> of the tenant's chunks lacking a vector of <see cref="VectorModel"/>.</summary>
    Task<IReadOnlyList<StaleChunk>> StaleChunksAsync(string tenantId, int limit, CancellationToken ct);

    /// <summary>Stores vectors of <see cref="VectorModel"/> for the given chunks and makes dense search see them.</summary>
    Task UpdateVectorsAsync(string tenantId, IReadOnlyList<(long Key, float[] Vector)> vectors, CancellationToken ct);
}

/// <summary>A chunk to re-embed: <paramref name="Key"/> is the index's own row key.</summary>
public sealed record StaleChunk(long Key, string DocumentId, string Title, string? Heading, string Text)
{
    public string EmbeddingText => IndexEntry.EmbeddingText(Title, Heading, Text);
}
