using System.Collections.Concurrent;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Qdrant.Client.Grpc;
using SupportAgent.Core.Retrieval.Embeddings;
using static SupportAgent.Core.Retrieval.Qdrant.QdrantPoints;

namespace SupportAgent.Core.Retrieval.Qdrant;

/// <summary>
/// Re-embedding over Qdrant: a collection holds one model's vectors, so after a change of model a tenant's chunks are
/// moved from the deployment's earlier collections (<see cref="QdrantCollection.Previous"/>) into the current one,
/// a batch at a time: read, embed, upsert here, delete there. Until a tenant's last chunk has moved, its searches
/// also read the earlier collections through their sparse (lexical) vectors, so every document stays answerable.
/// Ordering keeps uploads safe: a replace or delete clears the document from the earlier collections first, and a
/// moved chunk that is no longer in its earlier collection (its document was replaced or deleted meanwhile; chunk ids
/// carry the document version) is deleted again rather than brought back.
/// </summary>
public sealed partial class QdrantIndex : IReembeddingIndex
{
    /// <summary>More tenants than one deployment holds: the facet that lists them must not cut the list short.</summary>
    private const ulong MaxTenants = 1_000_000;

    /// <summary>
    /// Per tenant, whether it still has points in an earlier collection. Learnt on a tenant's first search, refreshed by
    /// every re-embedding sweep (each replica sweeps every minute) and cleared when a move finds nothing left.
    /// </summary>
    private readonly ConcurrentDictionary<string, bool> moving = new(StringComparer.Ordinal);

    public string? VectorModel => embedder?.ModelId();

    public async Task<IReadOnlyList<string>> TenantsWithStaleVectorsAsync(CancellationToken ct)
    {
        var c = await collections.OpenAsync(ct);
        var tenants = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var name in c.Previous)
        {
            var hits = await OrNoneAsync(() => calls.RunAsync("facet", (client, t) => client.FacetAsync(name, TenantKey, limit: MaxTenants, exact: true, cancellationToken: t), ct));
            foreach (var hit in hits?.Hits ?? []) if (hit.Count > 0 && hit.Value.VariantCase == FacetValue.VariantOneofCase.StringValue) tenants.Add(hit.Value.StringValue);
        }
        foreach (var tenant in moving.Keys) moving[tenant] = tenants.Contains(tenant);
        foreach (var tenant in tenants) moving[tenant] = true;
        return [.. tenants];
    }

    public async Task<int> CountStaleAsync(string tenantId, CancellationToken ct)
    {
        var c = await collections.OpenAsync(ct);
        var count = 0UL;
        foreach (var name in c.Previous)
            count += await OrNoneAsync(() => calls.RunAsync("count", (client, t) => client.CountAsync(name, ForTenant(tenantId), exact: true, cancellationToken: t), ct));
        return (int)count;
    }

    public async Task<IReadOnlyList<StaleChunk>> StaleChunksAsync(string tenantId, int limit, CancellationToken ct)
    {
        var c = await collections.OpenAsync(ct);
        var chunks = new List<StaleChunk>();
        foreach (var name in c.Previous)
        {
            if (chunks.Count >= limit) break;
            var page = await OrNoneAsync(() => calls.RunAsync("scroll", (client, t) =>
                client.ScrollAsync(name, ForTenant(tenantId), limit: (uint)(limit - chunks.Count), payloadSelector: true, cancellationToken: t), ct));
            foreach (var point in page?.Result ?? [])
            {
                if (TenantOf(point.Payload) == tenantId && ToChunk(point.Payload) is { } chunk) chunks.Add(new StaleChunk(0, chunk));
                else log.LogWarning("Point {Id} in collection {Collection} is not a chunk of tenant {Tenant}; left where it is", point.Id, name, tenantId);
            }
        }
        if (chunks.Count == 0) moving[tenantId] = false;
        return chunks;
    }

    public async Task UpdateVectorsAsync(string tenantId, IReadOnlyList<(StaleChunk Chunk, float[] Vector)> chunks, CancellationToken ct)
    {
        if (chunks.Count == 0) return;
        var c = await collections.OpenAsync(ct);
        var points = chunks.Select(x => ToPoint(tenantId, x.Chunk.Chunk.DocumentId, new IndexEntry(x.Chunk.Chunk, x.Vector), c)).ToList();
        var ids = points.Select(p => Guid.Parse(p.Id.Uuid)).ToList();
        foreach (var batch in points.Chunk(options.Value.UpsertBatchSize))
            await calls.RunAsync("upsert", (client, t) => client.UpsertAsync(c.Name, batch, wait: true, cancellationToken: t), ct);
        var left = new HashSet<Guid>();
        foreach (var name in c.Previous)
        {
            var page = await OrNoneAsync(() => calls.RunAsync("scroll", (client, t) => client.ScrollAsync(name, ForTenant(tenantId, [Conditions.HasId(ids)]),
                limit: (uint)ids.Count, payloadSelector: false, cancellationToken: t), ct));
            foreach (var point in page?.Result ?? []) left.Add(Guid.Parse(point.Id.Uuid));
        }
        if (ids.Where(id => !left.Contains(id)).ToList() is { Count: > 0 } gone)
        {
            log.LogInformation("{Count} chunks of tenant {Tenant} were replaced or deleted while they moved to {Collection}; not kept", gone.Count, tenantId, c.Name);
            await calls.RunAsync("delete", (client, t) => client.DeleteAsync(c.Name, ForTenant(tenantId, [Conditions.HasId(gone)]), wait: true, cancellationToken: t), ct);
        }
        foreach (var name in c.Previous)
            await OrNoneAsync(() => calls.RunAsync("delete", (client, t) => client.DeleteAsync(name, ForTenant(tenantId, [Conditions.HasId(ids)]), wait: true, cancellationToken: t), ct));
    }

    /// <summary>
    /// Before a document is written to or deleted from the current collection, its chunks leave the earlier ones, so
    /// a move in flight cannot bring an old version back. Only while earlier collections exist; uploads are rare.
    /// </summary>
    private async Task DeleteFromPreviousAsync(QdrantCollection c, string tenantId, string documentId, CancellationToken ct)
    {
        foreach (var name in c.Previous)
            await OrNoneAsync(() => calls.RunAsync("delete", (client, t) => client.DeleteAsync(name, ForTenant(tenantId, [OfDocument(documentId)]), wait: true, cancellationToken: t), ct));
    }

    /// <summary>Whether the tenant's searches must read earlier collections too (asked of Qdrant once, then remembered).</summary>
    private async Task<bool> IsMovingAsync(QdrantCollection c, string tenantId, CancellationToken ct)
    {
        if (c.Previous.Count == 0) return false;
        if (moving.TryGetValue(tenantId, out var known)) return known;
        return moving[tenantId] = await CountStaleAsync(tenantId, ct) > 0;
    }

    /// <summary>
    /// The current collection's hybrid results fused (reciprocal rank, as Qdrant fuses) with lexical results from the
    /// earlier collections, whose chunks have not moved yet and whose dense vectors belong to another model.
    /// </summary>
    private async Task<IReadOnlyList<ScoredPoint>> SearchWhileMovingAsync(QdrantCollection c, string tenantId, SearchQuery query, ulong k, CancellationToken ct)
    {
        var lists = new List<IReadOnlyList<ScoredPoint>> { await QueryAsync(c, tenantId, query, k, ct) };
        var sparse = SparseVectors.FromText(CustomerWording.ForLexicalSearch(query.Text));
        if (!sparse.IsEmpty)
            foreach (var name in c.Previous)
                lists.Add(await OrNoneAsync(() => calls.RunAsync("query", (client, t) => client.QueryAsync(name, new Query { Nearest = new VectorInput { Sparse = ToSparse(sparse) } },
                    usingVector: Sparse, filter: ForTenant(tenantId), limit: k, payloadSelector: true, cancellationToken: t), ct)) ?? []);
        var fused = new Dictionary<string, (ScoredPoint Point, double Score)>();
        foreach (var list in lists)
            for (var rank = 0; rank < list.Count; rank++)
            {
                var key = ChunkIdOf(list[rank].Payload) ?? list[rank].Id.ToString();
                var score = 1.0 / (RrfK + rank + 1) + (fused.TryGetValue(key, out var seen) ? seen.Score : 0);
                fused[key] = (seen.Point ?? list[rank], score);
            }
        return [.. fused.Values.OrderByDescending(f => f.Score).Take((int)k).Select(f => { var p = f.Point.Clone(); p.Score = (float)f.Score; return p; })];
    }

    /// <summary>Qdrant's default reciprocal-rank constant, so moving does not change how the fused lists weigh.</summary>
    private const int RrfK = 2;

    /// <summary>An earlier collection removed by an operator simply has nothing left to move.</summary>
    private static async Task<T?> OrNoneAsync<T>(Func<Task<T>> call)
    {
        try { return await call(); }
        catch (QdrantException e) when (e.StatusCode == StatusCode.NotFound) { return default; }
    }
}
