using System.CommandLine;
using System.Diagnostics;
using SupportAgent.Core.Retrieval;
using SupportAgent.Core.Retrieval.Embedded;
using SupportAgent.Core.Retrieval.Embeddings;

namespace SupportAgent.Tools.Bench;

/// <summary>
/// <c>bench retrieval</c>: embedded hybrid search latency (BM25 + exact cosine + RRF, chunk rows fetched) per corpus
/// size. Every size is its own tenant in one index file, so each search runs with the other tenants' chunks present.
/// </summary>
internal static class RetrievalBench
{
    private const int ChunksPerDocument = 100;
    private const int WordsPerChunk = 80;

    public static Command Create()
    {
        var sizes = new Option<int[]>("--sizes") { Description = "Chunks per tenant", DefaultValueFactory = _ => [1_000, 10_000, 100_000], AllowMultipleArgumentsPerToken = true };
        var queries = new Option<int>("--queries") { Description = "Queries per measurement", DefaultValueFactory = _ => 400 };
        var concurrency = new Option<int>("--concurrency") { Description = "Parallel queries in the concurrent run", DefaultValueFactory = _ => 8 };
        var dimensions = new Option<int>("--dimensions") { Description = "Vector size (hashing embedding; 384 is the shipped models' size)", DefaultValueFactory = _ => 384 };
        var folder = new Option<string?>("--data-dir", "--work-dir") { Description = "Where to build the index (default: a temporary folder, deleted afterwards)" };
        var others = new Option<int[]>("--other-tenants") { Description = "Chunks of each other tenant sharing the index file (the budget asks for a tenant searched with others present)", DefaultValueFactory = _ => [10_000, 10_000], AllowMultipleArgumentsPerToken = true };
        var command = new Command("retrieval", "Embedded hybrid search latency p50/p95 at several corpus sizes, single-threaded and concurrent.")
        {
            sizes, queries, concurrency, dimensions, folder, others,
        };
        command.SetAction(async (parse, ct) =>
        {
            var work = parse.GetValue(folder) ?? Path.Combine(Path.GetTempPath(), "supportagent-bench-" + Guid.NewGuid().ToString("N"));
            try
            {
                await RunAsync(Path.Combine(work, "index.db"), parse.GetValue(sizes)!, parse.GetValue(others)!, parse.GetValue(queries), parse.GetValue(concurrency), parse.GetValue(dimensions), ct);
            }
            finally
            {
                if (parse.GetValue(folder) is null) { Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools(); Directory.Delete(work, true); }
            }
            return 0;
        });
        return command;
    }

    private static async Task RunAsync(string path, int[] sizes, int[] others, int queryCount, int concurrency, int dimensions, CancellationToken ct)
    {
        var corpus = new SyntheticCorpus();
        var embedder = new HashingEmbeddingGenerator(dimensions);
        var index = new EmbeddedHybridIndex(path);
        var random = new Random(7);
        var flat = new Dictionary<int, List<float[]>>();
        var tenants = sizes.Select(s => (Size: s, Tenant: Tenant(s), Measured: true))
            .Concat(others.Select((s, i) => (Size: s, Tenant: $"bench-other-{i + 1}", Measured: false))).ToList();
        foreach (var (size, tenant, measured) in tenants)
        {
            var vectors = new List<float[]>();
            if (measured) flat[size] = vectors;
            // A data directory kept from an earlier run already holds this deterministic corpus: the text is drawn
            // again (the same random sequence, so the queries are the same) but not written again.
            var marker = Path.Combine(Path.GetDirectoryName(path)!, $"{tenant}-{size}-{dimensions}.indexed");
            var written = File.Exists(marker);
            var started = Stopwatch.GetTimestamp();
            for (var d = 0; d * ChunksPerDocument < size; d++)
            {
                var entries = Enumerable.Range(0, Math.Min(ChunksPerDocument, size - d * ChunksPerDocument)).Select(c =>
                {
                    var title = corpus.Text(random, 4);
                    var text = corpus.Text(random, WordsPerChunk);
                    var vector = embedder.Embed($"{title}\n{text}");
                    vectors.Add(vector);
                    return new IndexEntry(new IndexedChunk($"d{d}-c{c}", $"d{d}", title, null, text, null), vector);
                }).ToList();
                if (!written) await index.ReplaceDocumentAsync(tenant, $"d{d}", entries, ct);
            }
            await File.WriteAllTextAsync(marker, "", ct);
            Console.Error.WriteLine($"indexed {size:N0} chunks for {tenant} in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");
        }

        Console.WriteLine($"| chunks in tenant | all chunks in index | first search (loads) | hybrid 1 thread p50 / p95 | dense top-50 p50 / p95 | bare int8 scan p50 / p95 | BM25 top-50 in memory p50 / p95 | BM25 top-50 via FTS5 p50 / p95 | same top-50 as FTS5 (overlap) | {concurrency} concurrent p50 / p95 | throughput ({concurrency} concurrent) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var queries = Enumerable.Range(0, queryCount).Select(_ => corpus.Query(random, random.Next(3, 8))).Select(q => new SearchQuery(q, 10, embedder.Embed(q))).ToList();
        foreach (var size in sizes)
        {
            var load = Stopwatch.GetTimestamp();
            await index.SearchAsync(Tenant(size), queries[0], ct); // the tenant's first search loads its matrix and lexicon
            var loadMs = Stopwatch.GetElapsedTime(load).TotalMilliseconds;
            foreach (var q in queries.Take(20)) await index.SearchAsync(Tenant(size), q, ct); // warm-up: JIT, page cache

            var single = new List<double>();
            foreach (var q in queries) single.Add(await TimeAsync(() => index.SearchAsync(Tenant(size), q, ct)));
            var dense = new List<double>();
            foreach (var q in queries) dense.Add(await TimeAsync(() => index.DenseAsync(Tenant(size), q.Vector!, 50, ct)));
            var bare = BareScan(flat[size], dimensions, queries);
            var lexical = new List<double>();
            foreach (var q in queries) lexical.Add(await TimeAsync(() => index.LexicalAsync(Tenant(size), FtsQuery.Any(q.Text)!, 50, viaFts: false, ct)));
            var fts = new List<double>();
            var same = 0;
            var overlap = 0.0;
            foreach (var q in queries)
            {
                IReadOnlyList<long> viaFts = [];
                fts.Add(await TimeAsync(async () => viaFts = [.. (await index.LexicalAsync(Tenant(size), FtsQuery.Any(q.Text)!, 50, viaFts: true, ct)).Select(r => r.RowId)]));
                var inMemory = (await index.LexicalAsync(Tenant(size), FtsQuery.Any(q.Text)!, 50, viaFts: false, ct)).Select(r => r.RowId).ToList();
                if (inMemory.SequenceEqual(viaFts)) same++;
                overlap += viaFts.Count == 0 ? 1 : (double)inMemory.Intersect(viaFts).Count() / viaFts.Count;
            }

            var parallel = new System.Collections.Concurrent.ConcurrentBag<double>();
            var wall = Stopwatch.GetTimestamp();
            await Parallel.ForEachAsync(Enumerable.Range(0, queries.Count * 2), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct },
                async (i, token) => parallel.Add(await TimeAsync(() => index.SearchAsync(Tenant(size), queries[i % queries.Count], token))));
            var throughput = queries.Count * 2 / Stopwatch.GetElapsedTime(wall).TotalSeconds;

            Console.WriteLine($"| {size:N0} | {sizes.Sum() + others.Sum():N0} | {loadMs:0} ms | {P(single, 0.5):0.00} / {P(single, 0.95):0.00} ms | {P(dense, 0.5):0.00} / {P(dense, 0.95):0.00} ms | {P(bare, 0.5):0.00} / {P(bare, 0.95):0.00} ms | {P(lexical, 0.5):0.00} / {P(lexical, 0.95):0.00} ms | {P(fts, 0.5):0.00} / {P(fts, 0.95):0.00} ms | {100.0 * same / queries.Count:0}% ({100 * overlap / queries.Count:0.0}%) | {P([.. parallel], 0.5):0.0} / {P([.. parallel], 0.95):0.0} ms | {throughput:0} q/s |");
        }
    }

    /// <summary>
    /// The floor: the same vectors quantised into one flat int8 array, every row's dot product with the query computed
    /// and only the best score kept. No ranking, no tenant bookkeeping: what any exact int8 search must at least pay.
    /// </summary>
    private static List<double> BareScan(List<float[]> vectors, int dimensions, List<SearchQuery> queries)
    {
        var matrix = new sbyte[vectors.Count * dimensions];
        for (var i = 0; i < vectors.Count; i++)
            DocumentVectors.Quantize(vectors[i], System.Numerics.Tensors.TensorPrimitives.Norm(vectors[i]), matrix.AsSpan(i * dimensions, dimensions));
        var times = new List<double>();
        var query = new sbyte[dimensions];
        var best = int.MinValue;
        foreach (var q in queries)
        {
            var started = Stopwatch.GetTimestamp();
            DocumentVectors.Quantize(q.Vector!, System.Numerics.Tensors.TensorPrimitives.Norm(q.Vector!), query);
            for (var row = 0; row < vectors.Count; row++) best = Math.Max(best, Int8Dot.Dot(matrix.AsSpan(row * dimensions, dimensions), query));
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        GC.KeepAlive(best);
        return times;
    }

    private static string Tenant(int size) => $"bench-{size}";

    private static async Task<double> TimeAsync(Func<Task> search)
    {
        var started = Stopwatch.GetTimestamp();
        await search();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static double P(List<double> values, double p)
    {
        values.Sort();
        return values[Math.Clamp((int)Math.Ceiling(p * values.Count) - 1, 0, values.Count - 1)];
    }
}
