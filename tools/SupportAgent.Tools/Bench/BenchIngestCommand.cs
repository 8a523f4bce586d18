using System.CommandLine;
using System.Diagnostics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using SupportAgent.Cli.Commands;
using SupportAgent.Core.Data;
using SupportAgent.Core.Knowledge;
using SupportAgent.Core.Knowledge.Ingestion;
using SupportAgent.Core.Tenants;
using SupportAgent.Tests.Fakes.Qdrant;

namespace SupportAgent.Tools.Bench;

/// <summary>
/// Ingestion throughput: the DSTC11 knowledge as one .jsonl upload through the real pipeline (intake, then
/// parse → chunk per document, embed per batch of documents, upsert and record per document) into a scratch data directory, so no real tenant is touched; once
/// per index in the same run: the embedded index, and Qdrant through Qdrant.Client against the fake Qdrant gRPC
/// server (in this process, since no Qdrant server can run here).
/// </summary>
internal static class BenchIngestCommand
{
    public static Command Create()
    {
        var knowledge = new Option<string?>("--knowledge") { Description = "DSTC11 knowledge.json (default: shared/datasets/dstc11 beside the repository)" };
        var output = new Option<string?>("--out") { Description = "Also write the converted documents to this .jsonl file" };
        var indexes = new Option<string[]>("--index")
        {
            Description = "Indexes to ingest into, one run each: embedded, qdrant (the fake Qdrant gRPC server)",
            AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => ["embedded", "qdrant"],
        };
        var limit = new Option<int?>("--limit") { Description = "Only the first N documents (a quick check of the command)" };
        var command = new Command("ingest", "Measure ingestion throughput (documents/s, chunks/s) on the DSTC11 knowledge as .jsonl, per index.")
        {
            knowledge, output, indexes, limit,
        };
        command.SetAction(async (parse, ct) =>
        {
            var source = parse.GetValue(knowledge) ?? Dstc11Knowledge.Find();
            if (source is null || !File.Exists(source)) { Console.Error.WriteLine("DSTC11 knowledge.json not found; pass --knowledge."); return 2; }
            var lines = Dstc11Knowledge.ToJsonl(await File.ReadAllTextAsync(source, ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (parse.GetValue(limit) is { } n) lines = lines[..Math.Min(n, lines.Length)];
            var jsonl = Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");
            if (parse.GetValue(output) is { } outFile) await File.WriteAllBytesAsync(outFile, jsonl, ct);
            Console.WriteLine($"Corpus: DSTC11 knowledge as .jsonl, {lines.Length} records, {jsonl.Length / 1024.0 / 1024:0.00} MB; one process, documents in batches of {DocumentIngestor.DocumentsPerBatch} (chunks embedded together).");
            Console.WriteLine();
            Console.WriteLine("| index | embedder | documents | failed | chunks | tokens | time | documents/s | chunks/s |");
            Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
            var failed = 0;
            foreach (var index in parse.GetValue(indexes)!)
                failed += await RunIndexAsync(parse, index, jsonl, ct);
            return failed == 0 ? 0 : 1;
        });
        return command;
    }

    private static async Task<int> RunIndexAsync(ParseResult parse, string index, byte[] jsonl, CancellationToken ct)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"supportagent-bench-{Guid.NewGuid():N}");
        var settings = new Dictionary<string, string?> { ["SupportAgent:DataDirectory"] = dataDirectory };
        await using var qdrant = index == "qdrant" ? await FakeQdrantServer.StartAsync() : null;
        if (qdrant is not null)
            (settings["SupportAgent:Index:Provider"], settings["SupportAgent:Qdrant:Url"]) = ("qdrant", qdrant.Url.ToString());
        else if (index != "embedded") throw new ArgumentException($"Unknown index '{index}': use embedded or qdrant.");
        try
        {
            var (failed, chunks) = await RunAsync(parse, index == "qdrant" ? "Qdrant.Client → fake Qdrant (gRPC)" : "embedded (SQLite FTS5 + vectors)", jsonl, settings, ct);
            // A check that the run measured real writes: every chunk is a point in the fake's collection.
            var points = qdrant?.Collections.Values.Sum(c => c.PointCount);
            if (points is { } p && p != chunks) { Console.Error.WriteLine($"qdrant: {p} points for {chunks} chunks"); failed++; }
            return failed;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static async Task<(int Failed, int Chunks)> RunAsync(ParseResult parse, string index, byte[] jsonl, Dictionary<string, string?> settings, CancellationToken ct)
    {
        using var host = await CoreHost.StartAsync(parse, ct, settings);
        await using (var scope = host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<TenantService>().CreateAsync("bench", "Benchmark", [], null, ct);

        var total = Stopwatch.StartNew();
        IReadOnlyList<IngestionOutcome> outcomes;
        await using (var scope = host.Services.CreateAsyncScope())
            outcomes = await scope.ServiceProvider.GetRequiredService<DocumentIngestor>().IngestAsync("bench", new DocumentUpload("dstc11-knowledge.jsonl", jsonl), ct);
        total.Stop();

        int chunks, tokens;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SupportDbContext>();
            chunks = await db.Chunks.CountAsync(ct);
            tokens = await db.Chunks.SumAsync(c => c.Tokens, ct);
        }
        var documents = outcomes.Count(o => o.Status == DocumentStatus.Indexed);
        var failed = outcomes.Count(o => o.Error is not null);
        foreach (var error in outcomes.Where(o => o.Error is not null).Take(3)) Console.Error.WriteLine($"{index}: {error.Error}");
        var seconds = total.Elapsed.TotalSeconds;
        var embedder = host.Services.GetService<IEmbeddingGenerator<string, Embedding<float>>>()?.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? "none";
        Console.WriteLine($"| {index} | {embedder} | {documents:N0} | {failed} | {chunks:N0} | {tokens:N0} | {seconds:0.0} s | {documents / seconds:0.0} | {chunks / seconds:0.0} |");
        return (failed, chunks);
    }
}
