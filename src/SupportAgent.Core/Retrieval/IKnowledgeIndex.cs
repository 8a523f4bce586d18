namespace SupportAgent.Core.Retrieval;

/// <summary>
/// A tenant-partitioned search index. Every call names the tenant; an implementation must never return or
/// touch another tenant's chunks, whatever the query text.
/// </summary>
public interface IKnowledgeIndex
{
    /// <summary>Replaces all chunks of the document with <paramref name="entries"/> in one atomic step.</summary>
    Task ReplaceDocumentAsync(string tenantId, string documentId, IReadOnlyList<IndexEntry> entries, CancellationToken ct);

    Task DeleteDocumentAsync(string tenantId, string documentId, CancellationToken ct);

    /// <summary>The best <see cref="SearchQuery.K"/> chunks of the tenant, best first.</summary>
    Task<IReadOnlyList<SearchHit>> SearchAsync(string tenantId, SearchQuery query, CancellationToken ct);
}
