using System.Net;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SupportAgent.Core.Retrieval.Qdrant;

/// <summary>
/// The production index: one Qdrant collection per embedding model shared by all tenants, partitioned by a
/// <c>tenant_id</c> payload key (indexed <c>is_tenant</c>) that every call filters on. Hybrid search is one Query API
/// call: a sparse (lexical, idf) and a dense prefetch fused by reciprocal rank fusion inside Qdrant.
/// </summary>
/// <param name="clients">A fresh typed client per call: typed HttpClients are short-lived by design (handler rotation).</param>
public sealed class QdrantIndex(
    Func<QdrantClient> clients, IOptions<QdrantOptions> options, ILogger<QdrantIndex> log,
    IEmbeddingGenerator<string, Embedding<float>>? embedder = null) : IKnowledgeIndex
{
    /// <summary>More than any answer needs; a bigger k is clamped rather than sent on.</summary>
    public const int MaxK = 1000;
    private const string Dense = "dense", Sparse = "sparse";

    private readonly SemaphoreSlim gate = new(1, 1);
    private QdrantCollection? collection;

    public Task ReplaceDocumentAsync(string tenantId, string documentId, IReadOnlyList<IndexEntry> entries, CancellationToken ct) =>
        WithCollectionAsync(async (client, c) =>
        {
            var points = entries.Select(e => ToPoint(tenantId, documentId, e, c)).ToList();
            foreach (var batch in points.Chunk(options.Value.UpsertBatchSize))
                await client.UpsertAsync(c.Name, tenantId, batch, ct);
            // Upsert first, then drop the document's other points: readers see old and new chunks for a moment, never
            // neither. Ids are deterministic, so a retried replace converges to the same state.
            IReadOnlyList<object>? keep = points.Count == 0 ? null : [new HasIdCondition([.. points.Select(p => p.Id)])];
            await client.DeleteAsync(c.Name, tenantId, [QdrantFilter.Match("document_id", documentId)], keep, ct);
            return true;
        }, ct);

    public Task DeleteDocumentAsync(string tenantId, string documentId, CancellationToken ct) =>
        WithCollectionAsync(async (client, c) =>
        {
            await client.DeleteAsync(c.Name, tenantId, [QdrantFilter.Match("document_id", documentId)], null, ct);
            return true;
        }, ct);

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string tenantId, SearchQuery query, CancellationToken ct)
    {
        if (query.K <= 0) return [];
        var k = Math.Min(query.K, MaxK);
        var sparse = SparseVectors.FromText(query.Text);
        var prefetchLimit = Math.Max(k, options.Value.PrefetchLimit);
        var points = await WithCollectionAsync<IReadOnlyList<ScoredPoint>>(async (client, c) =>
        {
            var dense = c.DenseSize is null ? null : query.Vector;
            return (sparse.IsEmpty, dense) switch
            {
                (false, not null) => await client.QueryAsync(c.Name, tenantId, new RrfFusion(), null,
                    [new Prefetch(sparse, Sparse, prefetchLimit), new Prefetch(dense, Dense, prefetchLimit)], k, ct),
                (false, null) => await client.QueryAsync(c.Name, tenantId, sparse, Sparse, null, k, ct),
                (true, not null) => await client.QueryAsync(c.Name, tenantId, dense, Dense, null, k, ct),
                _ => [],
            };
        }, ct);
        var hits = new List<SearchHit>(points.Count);
        foreach (var p in points)
        {
            // Defence in depth: the filter already did this; a point of another tenant here would be a Qdrant bug.
            if (p.Payload is not { } payload || payload.TenantId != tenantId)
            {
                log.LogError("Qdrant returned point {Id} outside tenant {Tenant}; dropped", p.Id, tenantId);
                continue;
            }
            hits.Add(new SearchHit(new IndexedChunk(payload.ChunkId, payload.DocumentId, payload.Title, payload.Heading, payload.Text, payload.Url), p.Score));
        }
        return hits;
    }

    /// <summary>The tenant's points, or one document's: for operations and tests.</summary>
    public Task<long> CountAsync(string tenantId, string? documentId, CancellationToken ct) =>
        WithCollectionAsync((client, c) =>
            client.CountAsync(c.Name, tenantId, documentId is null ? [] : [QdrantFilter.Match("document_id", documentId)], ct), ct);

    /// <summary>The chunk ids stored for the tenant (or one of its documents): for consistency checks and operations.</summary>
    public Task<IReadOnlyList<string>> ChunkIdsAsync(string tenantId, string? documentId, CancellationToken ct) =>
        WithCollectionAsync<IReadOnlyList<string>>(async (client, c) =>
        {
            var ids = new List<string>();
            await foreach (var p in client.ScrollAsync(c.Name, tenantId, documentId is null ? [] : [QdrantFilter.Match("document_id", documentId)], 256, ct))
                if (p.Payload?.TenantId == tenantId) ids.Add(p.Payload.ChunkId);
            return ids;
        }, ct);

    private static QdrantPoint ToPoint(string tenantId, string documentId, IndexEntry entry, QdrantCollection c)
    {
        var chunk = entry.Chunk;
        var vectors = new Dictionary<string, object>();
        var sparse = SparseVectors.FromText($"{chunk.Title} {chunk.Heading} {chunk.Text}");
        if (!sparse.IsEmpty) vectors[Sparse] = sparse;
        if (c.DenseSize is not null && entry.Vector is { } dense) vectors[Dense] = dense;
        return new QdrantPoint(PointIds.For(tenantId, chunk.ChunkId), vectors,
            new ChunkPayload(tenantId, documentId, chunk.ChunkId, chunk.Title, chunk.Heading, chunk.Text, chunk.Url));
    }

    private async Task<T> WithCollectionAsync<T>(Func<QdrantClient, QdrantCollection, Task<T>> action, CancellationToken ct)
    {
        var (client, c) = await OpenAsync(ct);
        try { return await action(client, c); }
        catch (QdrantException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            // The collection was dropped behind our back (e.g. a fresh Qdrant volume): recreate it on the next call.
            collection = null;
            throw;
        }
    }

    /// <summary>Creates the collection and its tenant index on first use; a failure is retried on the next call.</summary>
    private async Task<(QdrantClient, QdrantCollection)> OpenAsync(CancellationToken ct)
    {
        var client = clients();
        if (collection is { } ready) return (client, ready);
        await gate.WaitAsync(ct);
        try
        {
            if (collection is not null) return (client, collection);
            var o = options.Value;
            var c = await QdrantCollection.ForAsync(o.Collection, embedder, ct);
            if (!await client.CollectionExistsAsync(c.Name, ct))
            {
                log.LogInformation("Creating Qdrant collection {Collection} (dense size {Size})", c.Name, c.DenseSize);
                await client.CreateCollectionAsync(c.Name, new CreateCollection(
                    c.DenseSize is { } size ? new() { [Dense] = new VectorParams(size, "Cosine") } : null,
                    new() { [Sparse] = new SparseVectorParams("idf") },
                    o.ShardNumber, o.ReplicationFactor, o.WriteConsistencyFactor), ct);
            }
            await client.CreateTenantIndexAsync(c.Name, ct);
            return (client, collection = c);
        }
        finally { gate.Release(); }
    }
}
