using Grpc.Core;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qdrant.Client.Grpc;
using static SupportAgent.Core.Retrieval.Qdrant.QdrantPoints;

namespace SupportAgent.Core.Retrieval.Qdrant;

/// <summary>
/// The production index over the official Qdrant.Client (gRPC): one collection per embedding model shared by all
/// tenants, partitioned by a <c>tenant_id</c> payload key (indexed <c>is_tenant</c>) that every call filters on.
/// Hybrid search is one Query API call: a sparse (lexical, idf) and a dense prefetch fused by reciprocal rank fusion
/// inside Qdrant. Every call has a deadline and transient failures are retried (<see cref="QdrantResilience"/>).
/// After a change of embedding model the chunks move over from the earlier model's collection (QdrantIndex.Reembedding.cs).
/// </summary>
public sealed partial class QdrantIndex(
    QdrantCalls calls, IOptions<QdrantOptions> options, ILogger<QdrantIndex> log,
    IEmbeddingGenerator<string, Embedding<float>>? embedder = null) : IKnowledgeIndex
{
    /// <summary>More than any answer needs; a bigger k is clamped rather than sent on.</summary>
    public const int MaxK = 1000;

    private readonly QdrantCollections collections = new(calls, options.Value, embedder, log);

    public Task ReplaceDocumentAsync(string tenantId, string documentId, IReadOnlyList<IndexEntry> entries, CancellationToken ct) =>
        WithCollectionAsync(async c =>
        {
            await DeleteFromPreviousAsync(c, tenantId, documentId, ct);
            var points = entries.Select(e => ToPoint(tenantId, documentId, e, c)).ToList();
            foreach (var batch in points.Chunk(options.Value.UpsertBatchSize))
                await calls.RunAsync("upsert", (client, t) => client.UpsertAsync(c.Name, batch, wait: true, cancellationToken: t), ct);
            // Upsert first, then drop the document's other points: readers see old and new chunks for a moment, never
            // neither. Ids are deterministic, so a retried replace converges to the same state.
            Condition[]? keep = points.Count == 0 ? null : [Conditions.HasId([.. points.Select(p => Guid.Parse(p.Id.Uuid))])];
            await calls.RunAsync("delete", (client, t) => client.DeleteAsync(c.Name, ForTenant(tenantId, [OfDocument(documentId)], keep), wait: true, cancellationToken: t), ct);
            return true;
        }, ct);

    public Task DeleteDocumentAsync(string tenantId, string documentId, CancellationToken ct) =>
        WithCollectionAsync(async c =>
        {
            await DeleteFromPreviousAsync(c, tenantId, documentId, ct);
            await calls.RunAsync("delete", (client, t) => client.DeleteAsync(c.Name, ForTenant(tenantId, [OfDocument(documentId)]), wait: true, cancellationToken: t), ct);
            return true;
        }, ct);

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string tenantId, SearchQuery query, CancellationToken ct)
    {
        if (query.K <= 0) return [];
        var k = (ulong)Math.Min(query.K, MaxK);
        var points = await WithCollectionAsync(async c => await IsMovingAsync(c, tenantId, ct)
            ? await SearchWhileMovingAsync(c, tenantId, query, k, ct)
            : await QueryAsync(c, tenantId, query, k, ct), ct);
        var hits = new List<SearchHit>(points.Count);
        foreach (var p in points)
        {
            // Defence in depth: the filter already did this; a point of another tenant here would be a Qdrant bug.
            if (TenantOf(p.Payload) != tenantId || ToChunk(p.Payload) is not { } chunk)
            {
                log.LogError("Qdrant returned point {Id} outside tenant {Tenant}; dropped", p.Id, tenantId);
                continue;
            }
            hits.Add(new SearchHit(chunk, p.Score));
        }
        return hits;
    }

    /// <summary>One hybrid (or single-sided) query over the current collection, fused inside Qdrant.</summary>
    private async Task<IReadOnlyList<ScoredPoint>> QueryAsync(QdrantCollection c, string tenantId, SearchQuery query, ulong k, CancellationToken ct)
    {
        var sparse = SparseVectors.FromText(CustomerWording.ForLexicalSearch(query.Text));
        var prefetchLimit = Math.Max(k, (ulong)options.Value.PrefetchLimit);
        var dense = c.DenseSize is null ? null : query.Vector;
        var sparseQuery = sparse.IsEmpty ? null : new Query { Nearest = new VectorInput { Sparse = ToSparse(sparse) } };
        var denseQuery = dense is null ? null : new Query { Nearest = new VectorInput { Dense = new DenseVector { Data = { dense } } } };
        // The tenant filter is top-level (Qdrant applies it inside every prefetch) and, in case the query is ever
        // restructured, on each prefetch as well.
        var filter = ForTenant(tenantId);
        return (sparseQuery, denseQuery) switch
        {
            ({ } s, { } d) => await calls.RunAsync("query", (client, t) => client.QueryAsync(c.Name, new Query { Fusion = Fusion.Rrf },
                prefetch: [new PrefetchQuery { Query = s, Using = Sparse, Limit = prefetchLimit, Filter = filter },
                           new PrefetchQuery { Query = d, Using = Dense, Limit = prefetchLimit, Filter = filter }],
                filter: filter, limit: k, payloadSelector: true, cancellationToken: t), ct),
            ({ } s, null) => await calls.RunAsync("query", (client, t) => client.QueryAsync(c.Name, s, usingVector: Sparse, filter: filter, limit: k, payloadSelector: true, cancellationToken: t), ct),
            (null, { } d) => await calls.RunAsync("query", (client, t) => client.QueryAsync(c.Name, d, usingVector: Dense, filter: filter, limit: k, payloadSelector: true, cancellationToken: t), ct),
            _ => [],
        };
    }

    /// <summary>The tenant's points, or one document's: for operations and tests.</summary>
    public Task<long> CountAsync(string tenantId, string? documentId, CancellationToken ct) =>
        WithCollectionAsync(async c => (long)await calls.RunAsync("count",
            (client, t) => client.CountAsync(c.Name, ForTenant(tenantId, documentId is null ? null : [OfDocument(documentId)]), exact: true, cancellationToken: t), ct), ct);

    /// <summary>The chunk ids stored for the tenant (or one of its documents), page by page: for consistency checks and operations.</summary>
    public Task<IReadOnlyList<string>> ChunkIdsAsync(string tenantId, string? documentId, CancellationToken ct) =>
        WithCollectionAsync<IReadOnlyList<string>>(async c =>
        {
            var filter = ForTenant(tenantId, documentId is null ? null : [OfDocument(documentId)]);
            var ids = new List<string>();
            PointId? offset = null;
            do
            {
                var page = await calls.RunAsync("scroll", (client, t) => client.ScrollAsync(c.Name, filter, limit: 256, offset: offset, payloadSelector: true, cancellationToken: t), ct);
                ids.AddRange(page.Result.Where(p => TenantOf(p.Payload) == tenantId).Select(p => ChunkIdOf(p.Payload)).OfType<string>());
                offset = page.NextPageOffset;
            } while (offset is not null);
            return ids;
        }, ct);

    private async Task<T> WithCollectionAsync<T>(Func<QdrantCollection, Task<T>> action, CancellationToken ct)
    {
        var c = await collections.OpenAsync(ct);
        try { return await action(c); }
        catch (QdrantException e) when (e.StatusCode == StatusCode.NotFound)
        {
            // The collection was dropped behind our back (e.g. a fresh Qdrant volume): recreate it on the next call.
            collections.Forget(c);
            throw;
        }
    }
}
