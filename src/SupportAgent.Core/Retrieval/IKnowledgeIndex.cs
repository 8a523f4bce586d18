namespace SupportAgent.Core.Retrieval;

/// <summary>
/// A tenant-partitioned search index. Every call names the tenant; an implementation must never return or
/// touch another tenant's chunks, whatever the query text.
/// </summary>
public interface IKnowledgeIndex
{
    /// <summary>Replaces all chunks of the document with <paramref name="chunks"/> in one atomic step.</summary>
    Task ReplaceDocumentAsync(string tenantId, string documentId, IReadOnlyList<IndexedChunk> chunks, CancellationToken ct);

    Task DeleteDocumentAsync(string tenantId, string documentId, CancellationToken ct);

    Task<IReadOnlyList<SearchHit>> SearchAsync(string tenantId, string query, int k, CancellationToken ct);
}
