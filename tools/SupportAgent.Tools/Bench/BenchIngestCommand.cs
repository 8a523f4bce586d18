using System.CommandLine;
using System.Diagnostics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SupportAgent.Cli.Commands;
using SupportAgent.Core.Data;
using SupportAgent.Core.Knowledge;
using SupportAgent.Core.Knowledge.Ingestion;
using SupportAgent.Core.Tenants;

namespace SupportAgent.Tools.Bench;

/// <summary>
/// Ingestion throughput: the DSTC11 knowledge as one .jsonl upload through the real pipeline (intake, then
/// parse → chunk → embed → upsert per document) into a scratch data directory, so no real tenant is touched.
/// </summary>
internal static class BenchIngestCommand
{
    public static Command Create()
    {
        var knowledge = new Option<string?>("--knowledge") { Description = "DSTC11 knowledge.json (default: shared/datasets/dstc11 beside the repository)" };
        var output = new Option<string?>("--out") { Description = "Also write the converted documents to this .jsonl file" };
        var command = new Command("ingest", "Measure ingestion throughput (documents/s, chunks/s) on the DSTC11 knowledge as .jsonl.") { knowledge, output };
        command.SetAction(async (parse, ct) =>
        {
            var source = parse.GetValue(knowledge) ?? Dstc11Knowledge.Find();
            if (source is null || !File.Exists(source)) { Console.Error.WriteLine("DSTC11 knowledge.json not found; pass --knowledge."); return 2; }
            var jsonl = Encoding.UTF8.GetBytes(Dstc11Knowledge.ToJsonl(await File.ReadAllTextAsync(source, ct)));
            if (parse.GetValue(output) is { } outFile) await File.WriteAllBytesAsync(outFile, jsonl, ct);

            var dataDirectory = Path.Combine(Path.GetTempPath(), $"supportagent-bench-{Guid.NewGuid():N}");
            try { return await RunAsync(parse, jsonl, dataDirectory, ct); }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(dataDirectory, recursive: true);
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, byte[] jsonl, string dataDirectory, CancellationToken ct)
    {
        using var host = await CoreHost.StartAsync(parse, ct, new Dictionary<string, string?> { ["SupportAgent:DataDirectory"] = dataDirectory });
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
        var seconds = total.Elapsed.TotalSeconds;
        Console.WriteLine($"corpus     DSTC11 knowledge as .jsonl: {outcomes.Count} records, {jsonl.Length / 1024.0 / 1024:0.00} MB");
        Console.WriteLine($"indexed    {documents} documents, {chunks} chunks, {tokens} tokens; failed {outcomes.Count(o => o.Error is not null)}");
        Console.WriteLine($"time       {seconds:0.00} s (intake + parse, chunk, embed, upsert; one process, sequential)");
        Console.WriteLine($"throughput {documents / seconds:0.0} documents/s, {chunks / seconds:0.0} chunks/s");
        Console.WriteLine($"embedder   {(host.Services.GetService<Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>>>()?.GetType().Name ?? "none (lexical index only)")}");
        return outcomes.Any(o => o.Error is not null) ? 1 : 0;
    }
}
