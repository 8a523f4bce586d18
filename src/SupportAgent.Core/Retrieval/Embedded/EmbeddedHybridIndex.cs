using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace SupportAgent.Core.Retrieval.Embedded;

/// <summary>
/// The embedded default index: BM25 as the tenant's SQLite FTS5 table ranks it and exact dense cosine over an in-memory
/// per-tenant matrix, fused by reciprocal rank fusion. SQLite is the source of truth; the BM25 side runs on an
/// in-memory inverted index (<see cref="TenantLexicon"/>) that ranks as FTS5 does, and the matrix and the lexicon are
/// loaded lazily on a tenant's first search and kept in step with every write of this process (writes go to SQLite
/// first, then swap the tenant's snapshots), so one server process owns the file.
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
    private readonly ConcurrentDictionary<string, TenantLexicon> lexicons = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> gates = new(StringComparer.Ordinal);
    private readonly ChunkCache chunkCache = new();

    public async Task ReplaceDocumentAsync(string tenantId, string documentId, IReadOnlyList<IndexEntry> entries, CancellationToken ct)
    {
        var gate = Gate(tenantId);
        await gate.WaitAsync(ct);
        try
        {
            var ids = store.Replace(tenantId, documentId, entries);
            chunkCache.Invalidate(tenantId);
            var rows = entries.Select((e, i) => (RowId: ids[i], e.Vector)).Where(r => r.Vector is not null).Select(r => (r.RowId, r.Vector!)).ToList();
            if (loaded.TryGetValue(tenantId, out var vectors)) vectors.Replace(documentId, DocumentVectors.From(rows));
            if (lexicons.TryGetValue(tenantId, out var lexicon))
                lexicon.Replace(documentId, DocumentTerms.From([.. entries.Select((e, i) => (ids[i], e.Chunk.Title, e.Chunk.Heading, e.Chunk.Text))]));
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
            chunkCache.Invalidate(tenantId);
            if (loaded.TryGetValue(tenantId, out var vectors)) vectors.Replace(documentId, null);
            if (lexicons.TryGetValue(tenantId, out var lexicon)) lexicon.Replace(documentId, null);
        }
        finally { gate.Release(); }
    }

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string tenantId, SearchQuery query, CancellationToken ct)
    {
        var k = Math.Min(query.K, MaxK);
        if (k <= 0) return [];
        var depth = Math.Max(k * 2, MinCandidates);
        // Taken before anything is read: a write after this point makes these chunks a cache nobody else reads.
        var cached = chunkCache.Of(tenantId);
        var dense = query.Vector is { Length: > 0 } vector ? (await VectorsAsync(tenantId, ct)).Search(vector, depth) : [];
        ct.ThrowIfCancellationRequested();
        // Opened only when SQLite must be asked: a word the lexicon cannot rank, or chunks not read before.
        using var connection = new LazyConnection(store);
        var lists = await ListsAsync(connection, tenantId, query, depth, dense, ct);
        var w = weights ?? RankingWeights.Default;
        // With a subject, the subject's own passages ranked by the question form a third list, weighted above the
        // others: the entity the conversation is about outranks others that merely share the topic, without
        // excluding them when the subject was guessed wrong.
        var fused = ReciprocalRankFusion.Fuse(w.RankConstant, (lists.WithinSubject, w.WithinSubject), (lists.Lexical, w.Lexical), (lists.Dense, w.Dense))
            .Take(k).ToList();
        // A write since the cache was taken updates the in-memory lists before (or while) they were ranked: the cache
        // may then hold the rows it deleted, so the rows are read from SQLite, where the swap is atomic.
        var chunks = chunkCache.IsCurrent(tenantId, cached)
            ? cached.Get(fused.Select(f => f.Id), missing => store.Chunks(connection.Open(), tenantId, missing))
            : store.Chunks(connection.Open(), tenantId, [.. fused.Select(f => f.Id)]);
        return [.. fused.Where(f => chunks.ContainsKey(f.Id)).Select(f => new SearchHit(chunks[f.Id], f.Score))];
    }

    /// <summary>The three ranked lists before fusion (row keys, best first), each <paramref name="depth"/> deep: what the fusion tuner replays.</summary>
    internal async Task<RankedLists> RankedListsAsync(string tenantId, SearchQuery query, int depth, CancellationToken ct)
    {
        var dense = query.Vector is { Length: > 0 } vector ? (await VectorsAsync(tenantId, ct)).Search(vector, depth) : [];
        using var connection = new LazyConnection(store);
        return await ListsAsync(connection, tenantId, query, depth, dense, ct);
    }

    private async Task<RankedLists> ListsAsync(LazyConnection connection, string tenantId, SearchQuery query, int depth, IReadOnlyList<long> dense, CancellationToken ct)
    {
        var lexical = await LexicalAsync(connection, tenantId, FtsQuery.Any(query.Text, query.Subject), depth, ct);
        var within = await LexicalAsync(connection, tenantId, FtsQuery.InSubject(query.Text, query.Subject), depth, ct);
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

    public async Task UpdateVectorsAsync(string tenantId, IReadOnlyList<(StaleChunk Chunk, float[] Vector)> chunks, CancellationToken ct)
    {
        var vectors = chunks.Select(c => (c.Chunk.Key, c.Vector)).ToList();
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

    /// <summary>BM25 rows best first: in memory, or through FTS5 itself for a query word the lexicon cannot represent.</summary>
    private async Task<IReadOnlyList<long>> LexicalAsync(LazyConnection connection, string tenantId, FtsQuery? query, int limit, CancellationToken ct) =>
        query is null ? [] : [.. ((await LexiconAsync(tenantId, ct)).Search(query, limit) ?? store.Lexical(connection.Open(), tenantId, query.ToFts(), limit)).Select(r => r.RowId)];

    /// <summary>The lexical side alone, in memory or through FTS5, with BM25 scores: what benchmarks and tests compare.</summary>
    internal async Task<IReadOnlyList<(long RowId, double Score)>> LexicalAsync(string tenantId, FtsQuery query, int limit, bool viaFts, CancellationToken ct)
    {
        if (!viaFts && (await LexiconAsync(tenantId, ct)).Search(query, limit) is { } inMemory) return inMemory;
        using var connection = store.Open();
        return store.Lexical(connection, tenantId, query.ToFts(), limit);
    }

    /// <summary>The dense side alone (row keys, best first): what benchmarks compare with a bare scan of the same vectors.</summary>
    internal async Task<IReadOnlyList<long>> DenseAsync(string tenantId, float[] vector, int k, CancellationToken ct) =>
        (await VectorsAsync(tenantId, ct)).Search(vector, k);

    /// <summary>Number of vectors held in memory for the tenant (loads them if needed); for diagnostics and benchmarks.</summary>
    public async Task<int> VectorCountAsync(string tenantId, CancellationToken ct) => (await VectorsAsync(tenantId, ct)).Count;

    private Task<TenantVectors> VectorsAsync(string tenantId, CancellationToken ct) => LoadOnceAsync(loaded, tenantId, () =>
        new TenantVectors(store.Vectors(tenantId)
            .Select(d => (d.Key, Vectors: DocumentVectors.From(d.Value)))
            .Where(d => d.Vectors is not null)
            .ToImmutableDictionary(d => d.Key, d => d.Vectors!, StringComparer.Ordinal)), ct);

    private Task<TenantLexicon> LexiconAsync(string tenantId, CancellationToken ct) => LoadOnceAsync(lexicons, tenantId, () =>
    {
        var texts = store.Texts(tenantId);
        FtsTokenizer.Prepare(texts.Values.SelectMany(rows => rows.SelectMany(r => new[] { r.Title, r.Heading ?? "", r.Text })));
        return new TenantLexicon(texts
            .Select(d => (d.Key, Terms: DocumentTerms.From(d.Value, prepared: true)))
            .Where(d => d.Terms is not null)
            .ToImmutableDictionary(d => d.Key, d => d.Terms!, StringComparer.Ordinal));
    }, ct);

    /// <summary>A tenant's in-memory structure, built from SQLite's rows on first use.</summary>
    private async Task<T> LoadOnceAsync<T>(ConcurrentDictionary<string, T> cache, string tenantId, Func<T> build, CancellationToken ct) where T : class
    {
        if (cache.TryGetValue(tenantId, out var value)) return value;
        var gate = Gate(tenantId);
        await gate.WaitAsync(ct);
        try
        {
            // Built under the writers' gate: no write can slip between reading the rows and publishing the structure.
            if (cache.TryGetValue(tenantId, out value)) return value;
            value = build();
            cache[tenantId] = value;
            return value;
        }
        finally { gate.Release(); }
    }

    private SemaphoreSlim Gate(string tenantId) => gates.GetOrAdd(tenantId, _ => new SemaphoreSlim(1, 1));
}

internal sealed record RankedLists(IReadOnlyList<long> WithinSubject, IReadOnlyList<long> Lexical, IReadOnlyList<long> Dense);
