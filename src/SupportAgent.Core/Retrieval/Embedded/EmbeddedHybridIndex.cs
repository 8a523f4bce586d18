using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace SupportAgent.Core.Retrieval.Embedded;

/// <summary>
/// The embedded default index: SQLite FTS5 BM25 and exact dense cosine over an in-memory per-tenant matrix, fused by
/// reciprocal rank fusion. The matrix is loaded lazily on a tenant's first search and kept in step with every write
/// of this process (writes go to SQLite first, then swap the tenant's snapshot), so one server process owns the file.
/// Vectors are keyed by <paramref name="vectorModel"/>: only that model's vectors are searched; others are re-embedded.
/// The lists' weights in the fusion are <paramref name="weights"/> (<see cref="RankingWeights.Default"/> unless given).
/// </summary>
public sealed class EmbeddedHybridIndex(string databasePath, string? vectorModel = null, RankingWeights? weights = null) : IKnowledgeIndex, IReembeddingIndex
{
    /// <summary>How deep each list goes before fusion: deeper than k, so a chunk ranked well by one side can surface.</summary>
    private const int MinCandidates = 50;
    private const int MaxK = 1000;

    private readonly HybridIndexStore store = new(databasePath, vectorModel);
    private readonly ConcurrentDictionary<string, TenantVectors> loaded = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> gates = new(StringComparer.Ordinal);

    public async Task ReplaceDocumentAsync(string tenantId, string documentId, IReadOnlyList<IndexEntry> entries, CancellationToken ct)
    {
        var gate = Gate(tenantId);
        await gate.WaitAsync(ct);
        try
        {
            var ids = store.Replace(tenantId, documentId, entries);
            var rows = entries.Select((e, i) => (RowId: ids[i], e.Vector)).Where(r => r.Vector is not null).Select(r => (r.RowId, r.Vector!)).ToList();
            if (loaded.TryGetValue(tenantId, out var vectors)) vectors.Replace(documentId, DocumentVectors.From(rows));
        }
        finally { gate.Release(); }
    }

    public async Task DeleteDocumentAsync(string tenantId, string documentId, CancellationToken ct)
    {
        var gate = Gate(tenantId);
        await gate.WaitAsync(ct);
        try
        {
            store.Delete(tenantId, documentId);
            if (loaded.TryGetValue(tenantId, out var vectors)) vectors.Replace(documentId, null);
        }
        finally { gate.Release(); }
    }

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string tenantId, SearchQuery query, CancellationToken ct)
    {
        var k = Math.Min(query.K, MaxK);
        if (k <= 0) return [];
        var depth = Math.Max(k * 2, MinCandidates);
        var dense = query.Vector is { Length: > 0 } vector ? (await VectorsAsync(tenantId, ct)).Search(vector, depth) : [];
        ct.ThrowIfCancellationRequested();
        using var connection = store.Open();
        var lists = Lists(connection, tenantId, query, depth, dense);
        var w = weights ?? RankingWeights.Default;
        // With a subject, the subject's own passages ranked by the question form a third list, weighted above the
        // others: the entity the conversation is about outranks others that merely share the topic, without
        // excluding them when the subject was guessed wrong.
        var fused = ReciprocalRankFusion.Fuse(w.RankConstant, (lists.WithinSubject, w.WithinSubject), (lists.Lexical, w.Lexical), (lists.Dense, w.Dense))
            .Take(k).ToList();
        var chunks = store.Chunks(connection, tenantId, [.. fused.Select(f => f.Id)]);
        return [.. fused.Where(f => chunks.ContainsKey(f.Id)).Select(f => new SearchHit(chunks[f.Id], f.Score))];
    }

    /// <summary>The three ranked lists before fusion (row keys, best first), each <paramref name="depth"/> deep: what the fusion tuner replays.</summary>
    internal async Task<RankedLists> RankedListsAsync(string tenantId, SearchQuery query, int depth, CancellationToken ct)
    {
        var dense = query.Vector is { Length: > 0 } vector ? (await VectorsAsync(tenantId, ct)).Search(vector, depth) : [];
        using var connection = store.Open();
        return Lists(connection, tenantId, query, depth, dense);
    }

    private RankedLists Lists(Microsoft.Data.Sqlite.SqliteConnection connection, string tenantId, SearchQuery query, int depth, IReadOnlyList<long> dense)
    {
        var lexical = FtsQuery.From(query.Text, query.Subject) is { } match ? store.Lexical(connection, tenantId, match, depth) : [];
        var within = FtsQuery.WithinSubject(query.Text, query.Subject) is { } inSubject ? store.Lexical(connection, tenantId, inSubject, depth) : [];
        return new RankedLists(within, lexical, dense);
    }

    /// <summary>The chunks of the given row keys (the tenant's only).</summary>
    internal IReadOnlyDictionary<long, IndexedChunk> Chunks(string tenantId, IReadOnlyCollection<long> ids)
    {
        using var connection = store.Open();
        return store.Chunks(connection, tenantId, ids);
    }

    public string? VectorModel => vectorModel;

    public Task<IReadOnlyList<string>> TenantsWithStaleVectorsAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<string>>(store.TenantsWithStaleVectors());

    public Task<int> CountStaleAsync(string tenantId, CancellationToken ct) => Task.FromResult(store.CountStale(tenantId));

    public Task<IReadOnlyList<StaleChunk>> StaleChunksAsync(string tenantId, int limit, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<StaleChunk>>(store.Stale(tenantId, limit));

    public async Task UpdateVectorsAsync(string tenantId, IReadOnlyList<(long Key, float[] Vector)> vectors, CancellationToken ct)
    {
        var gate = Gate(tenantId);
        await gate.WaitAsync(ct);
        try
        {
            store.SetVectors(tenantId, vectors);
            if (!loaded.TryGetValue(tenantId, out var matrix)) return;
            // The touched documents are read back whole: a document is one immutable matrix in memory.
            foreach (var documentId in store.DocumentsOf(tenantId, [.. vectors.Select(v => v.Key)]))
                matrix.Replace(documentId, DocumentVectors.From(store.Vectors(tenantId, documentId).GetValueOrDefault(documentId) ?? []));
        }
        finally { gate.Release(); }
    }

    /// <summary>The dense side alone (row keys, best first): what benchmarks compare with a bare scan of the same vectors.</summary>
    internal async Task<IReadOnlyList<long>> DenseAsync(string tenantId, float[] vector, int k, CancellationToken ct) =>
        (await VectorsAsync(tenantId, ct)).Search(vector, k);

    /// <summary>Number of vectors held in memory for the tenant (loads them if needed); for diagnostics and benchmarks.</summary>
    public async Task<int> VectorCountAsync(string tenantId, CancellationToken ct) => (await VectorsAsync(tenantId, ct)).Count;

    private async Task<TenantVectors> VectorsAsync(string tenantId, CancellationToken ct)
    {
        if (loaded.TryGetValue(tenantId, out var vectors)) return vectors;
        var gate = Gate(tenantId);
        await gate.WaitAsync(ct);
        try
        {
            // Loading under the writers' gate: no write can slip between reading the rows and publishing the matrix.
            if (loaded.TryGetValue(tenantId, out vectors)) return vectors;
            var documents = store.Vectors(tenantId)
                .Select(d => (d.Key, Vectors: DocumentVectors.From(d.Value)))
                .Where(d => d.Vectors is not null)
                .ToImmutableDictionary(d => d.Key, d => d.Vectors!, StringComparer.Ordinal);
            vectors = new TenantVectors(documents);
            loaded[tenantId] = vectors;
            return vectors;
        }
        finally { gate.Release(); }
    }

    private SemaphoreSlim Gate(string tenantId) => gates.GetOrAdd(tenantId, _ => new SemaphoreSlim(1, 1));
}

internal sealed record RankedLists(IReadOnlyList<long> WithinSubject, IReadOnlyList<long> Lexical, IReadOnlyList<long> Dense);
