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
        var folder = new Option<string?>("--work-dir") { Description = "Where to build the index (default: a temporary folder, deleted afterwards)" };
        var command = new Command("retrieval", "Embedded hybrid search latency p50/p95 at several corpus sizes, single-threaded and concurrent.")
        {
            sizes, queries, concurrency, dimensions, folder,
        };
        command.SetAction(async (parse, ct) =>
        {
            var work = parse.GetValue(folder) ?? Path.Combine(Path.GetTempPath(), "supportagent-bench-" + Guid.NewGuid().ToString("N"));
            try
            {
                await RunAsync(Path.Combine(work, "index.db"), parse.GetValue(sizes)!, parse.GetValue(queries), parse.GetValue(concurrency), parse.GetValue(dimensions), ct);
            }
            finally
            {
                if (parse.GetValue(folder) is null) { Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools(); Directory.Delete(work, true); }
            }
            return 0;
        });
        return command;
    }

    private static async Task RunAsync(string path, int[] sizes, int queryCount, int concurrency, int dimensions, CancellationToken ct)
    {
        var corpus = new SyntheticCorpus();
        var embedder = new HashingEmbeddingGenerator(dimensions);
        var index = new EmbeddedHybridIndex(path);
        var random = new Random(7);
        var flat = new Dictionary<int, List<float[]>>();
        foreach (var size in sizes)
        {
            flat[size] = [];
            var started = Stopwatch.GetTimestamp();
            for (var d = 0; d * ChunksPerDocument < size; d++)
            {
                var entries = Enumerable.Range(0, Math.Min(ChunksPerDocument, size - d * ChunksPerDocument)).Select(c =>
                {
                    var title = corpus.Text(random, 4);
                    var text = corpus.Text(random, WordsPerChunk);
                    var vector = embedder.Embed($"{title}\n{text}");
                    flat[size].Add(vector);
                    return new IndexEntry(new IndexedChunk($"d{d}-c{c}", $"d{d}", title, null, text, null), vector);
                }).ToList();
                await index.ReplaceDocumentAsync(Tenant(size), $"d{d}", entries, ct);
            }
            Console.Error.WriteLine($"indexed {size:N0} chunks for {Tenant(size)} in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");
        }

        Console.WriteLine($"| chunks in tenant | all chunks in index | matrix load | hybrid 1 thread p50 / p95 | dense top-50 p50 / p95 | bare int8 scan p50 / p95 | {concurrency} concurrent p50 / p95 | throughput ({concurrency} concurrent) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        var queries = Enumerable.Range(0, queryCount).Select(_ => corpus.Query(random, random.Next(3, 8))).Select(q => new SearchQuery(q, 10, embedder.Embed(q))).ToList();
        foreach (var size in sizes)
        {
            var load = Stopwatch.GetTimestamp();
            await index.VectorCountAsync(Tenant(size), ct);
            var loadMs = Stopwatch.GetElapsedTime(load).TotalMilliseconds;
            foreach (var q in queries.Take(20)) await index.SearchAsync(Tenant(size), q, ct); // warm-up: JIT, page cache

            var single = new List<double>();
            foreach (var q in queries) single.Add(await TimeAsync(() => index.SearchAsync(Tenant(size), q, ct)));
            var dense = new List<double>();
            foreach (var q in queries) dense.Add(await TimeAsync(() => index.DenseAsync(Tenant(size), q.Vector!, 50, ct)));
            var bare = BareScan(flat[size], dimensions, queries);

            var parallel = new System.Collections.Concurrent.ConcurrentBag<double>();
            var wall = Stopwatch.GetTimestamp();
            await Parallel.ForEachAsync(Enumerable.Range(0, queries.Count * 2), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct },
                async (i, token) => parallel.Add(await TimeAsync(() => index.SearchAsync(Tenant(size), queries[i % queries.Count], token))));
            var throughput = queries.Count * 2 / Stopwatch.GetElapsedTime(wall).TotalSeconds;

            Console.WriteLine($"| {size:N0} | {sizes.Sum():N0} | {loadMs:0} ms | {P(single, 0.5):0.00} / {P(single, 0.95):0.00} ms | {P(dense, 0.5):0.00} / {P(dense, 0.95):0.00} ms | {P(bare, 0.5):0.00} / {P(bare, 0.95):0.00} ms | {P([.. parallel], 0.5):0.0} / {P([.. parallel], 0.95):0.0} ms | {throughput:0} q/s |");
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
