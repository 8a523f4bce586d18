using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.AI;
using SupportAgent.Core.Retrieval;
using SupportAgent.Core.Retrieval.Embeddings;

namespace SupportAgent.Tools.Bench;

/// <summary>
/// <c>bench embeddings</c>: per embedder, the cost of loading it, one customer question's embedding (p50/p95, one at a
/// time, as the chat path does) and batched passage embedding throughput over the DSTC11 knowledge (title, heading and
/// text as ingestion embeds them), plus the process's resident memory with every model loaded once.
/// </summary>
internal static class EmbeddingBench
{
    private static readonly string[] Questions =
    [
        "the jacket I bought doesn't fit, can I send it back?", "are you guys open on the weekend?", "do my reward points ever run out?",
        "how long does shipping to canada take", "my parcel says delivered but nothing arrived", "can i change the address on my order",
        "is there parking at the hotel", "does the restaurant have vegetarian options", "i forgot my password and the reset email never came",
        "can I pay with paypal", "whats the warranty on boots", "cancel my order pls",
    ];

    public static Command Create()
    {
        var providers = new Option<string[]>("--providers") { Description = "Embedders to compare", DefaultValueFactory = _ => ["hashing", "minilm", "arctic-xs"], AllowMultipleArgumentsPerToken = true };
        var queries = new Option<int>("--queries") { Description = "Questions embedded one at a time", DefaultValueFactory = _ => 200 };
        var passages = new Option<int>("--passages") { Description = "DSTC11 knowledge passages embedded in batches", DefaultValueFactory = _ => 512 };
        var knowledge = new Option<string?>("--knowledge") { Description = "DSTC11 knowledge.json (default: shared/datasets/dstc11 beside the repository)" };
        var command = new Command("embeddings", "Query embedding latency, batched passage throughput and memory per embedder.") { providers, queries, passages, knowledge };
        command.SetAction(async (parse, ct) =>
        {
            var source = parse.GetValue(knowledge) ?? Dstc11Knowledge.Find();
            if (source is null || !File.Exists(source)) { Console.Error.WriteLine("DSTC11 knowledge.json not found; pass --knowledge."); return 2; }
            var texts = Dstc11Knowledge.ToJsonl(await File.ReadAllTextAsync(source, ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonDocument.Parse(line).RootElement)
                .Select(d => IndexEntry.EmbeddingText(d.GetProperty("title").GetString()!, null, d.GetProperty("text").GetString()!))
                .Take(parse.GetValue(passages)).ToList();
            Console.WriteLine($"| embedder | model | load | query p50 / p95 | passages/s (batched, {texts.Count} DSTC11 passages) | process RSS after load |");
            Console.WriteLine("|---|---|---:|---:|---:|---:|");
            var keep = new List<IEmbeddingGenerator<string, Embedding<float>>>(); // every model stays loaded: the RSS column accumulates
            foreach (var provider in parse.GetValue(providers)!)
            {
                var load = Stopwatch.StartNew();
                var embedder = EmbeddingServices.Create(new EmbeddingOptions { Provider = provider });
                load.Stop();
                keep.Add(embedder);
                foreach (var q in Questions) await embedder.EmbedQueryAsync(q, ct); // warm-up
                var latencies = new List<double>();
                for (var i = 0; i < parse.GetValue(queries); i++)
                {
                    var started = Stopwatch.GetTimestamp();
                    await embedder.EmbedQueryAsync(Questions[i % Questions.Length], ct);
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                var batch = Stopwatch.StartNew();
                await embedder.EmbedPassagesAsync(texts, ct);
                batch.Stop();
                latencies.Sort();
                Console.WriteLine($"| {provider} | {embedder.ModelId()} | {load.Elapsed.TotalMilliseconds:0} ms | {P(latencies, 0.5):0.00} / {P(latencies, 0.95):0.00} ms | {texts.Count / batch.Elapsed.TotalSeconds:0.0} | {Environment.WorkingSet / 1024.0 / 1024:0} MB |");
            }
            GC.KeepAlive(keep);
            return 0;
        });
        return command;
    }

    private static double P(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
