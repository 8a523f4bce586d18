using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SupportAgent.Core.Triage.Classification;

namespace SupportAgent.Cli.Commands;

internal static class TriageCommand
{
    public static Command Create()
    {
        var file = new Option<string>("--file") { Description = "CSV with a 'text,category' header", Required = true };
        var folds = new Option<int>("--folds") { Description = "Number of folds", DefaultValueFactory = _ => 5 };
        var only = new Option<int?>("--only-folds") { Description = "Run only the first N folds (e.g. 1 = a held-back fifth)" };
        var seed = new Option<int>("--seed") { Description = "Shuffle seed", DefaultValueFactory = _ => 1 };
        var embeddings = new Option<string?>("--embeddings")
        {
            Description = "Sentence-vector features from this embeddings provider (as SupportAgent:Embeddings:Provider, e.g. minilm or hashing); 'none' = n-grams only. Default: the configured provider",
        };
        var outOfScope = new Option<int>("--out-of-scope")
        {
            Description = "Hold this many categories out of training and report out-of-scope recall and in-scope accuracy on the first fold",
        };
        var falseRate = new Option<double>("--false-oos-rate")
        {
            Description = "Share of held-back in-scope messages the out-of-scope calibration may flag", DefaultValueFactory = _ => ClassifierTrainer.FalseOutOfScopeRate,
        };
        var cache = new Option<FileInfo?>("--vectors-cache")
        {
            Description = "Keep the sentence vectors in this file: read them when it holds one per example, else embed and write it (embedding 10k messages takes minutes)",
        };
        var cv = new Command("cv", "Cross-validate the triage classifier on labelled examples; prints accuracy and macro-F1 (or out-of-scope figures).")
        {
            file, folds, only, seed, embeddings, outOfScope, falseRate, cache,
        };
        cv.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path)) { Console.Error.WriteLine($"No file at '{path}'."); return 2; }
            var (examples, error) = ExamplesCsv.Parse(await File.ReadAllTextAsync(path, ct));
            if (error is not null) { Console.Error.WriteLine(error); return 2; }
            var k = parse.GetValue(folds);
            if (k < 2) { Console.Error.WriteLine("--folds must be at least 2."); return 2; }
            var started = Stopwatch.StartNew();
            var (vectors, model) = VectorsCache.Read(parse.GetValue(cache), examples.Count) is { } cached
                ? (cached, "cached")
                : await EmbedAsync(parse, parse.GetValue(embeddings), examples, ct);
            if (model != "cached" && vectors is not null && parse.GetValue(cache) is { } cacheFile) VectorsCache.Write(cacheFile, vectors);
            Console.WriteLine($"features: n-grams{(vectors is null ? "" : $" + sentence vectors ({model}, {vectors[0].Length} dimensions, {started.Elapsed.TotalSeconds:F0} s to embed)")}");
            if (parse.GetValue(outOfScope) is > 0 and var held)
            {
                var oos = OutOfScopeValidation.Run(examples, held, k, fold: 0, parse.GetValue(seed), vectors, parse.GetValue(falseRate), Console.WriteLine);
                Console.WriteLine($"in-scope tests {oos.InScopeTests}, out-of-scope tests {oos.OutOfScopeTests}");
                Console.WriteLine($"limits: probability {oos.Limits.Probability:F4}, nearest example {oos.Limits.Nearest:F4}");
                Console.WriteLine($"out-of-scope recall {oos.OutOfScopeRecall:F4}");
                Console.WriteLine($"in-scope accuracy {oos.InScopeAccuracy:F4} (in-scope flagged out of scope: {oos.FalseOutOfScopeRate:F4})");
                Console.WriteLine($"classifier alone, nothing flagged: in-scope accuracy {oos.ClassifierAccuracy:F4}");
                Console.WriteLine("upper bound, limits chosen on the test answers, in-scope accuracy at least 0.90:");
                foreach (var b in oos.Bounds)
                    Console.WriteLine($"  {b.Signal}: out-of-scope recall {b.OutOfScopeRecall:F4} at in-scope accuracy {b.InScopeAccuracy:F4} (limits {b.Limits.Probability:F4}, {b.Limits.Nearest:F4})");
            }
            else
            {
                var result = CrossValidation.Run(examples, k, parse.GetValue(seed), parse.GetValue(only), Console.WriteLine, vectors);
                Console.WriteLine($"examples {result.Examples}, categories {result.Categories}, folds {result.FoldAccuracies.Count}/{result.Folds}");
                Console.WriteLine($"accuracy {result.Accuracy:F4}");
                Console.WriteLine($"macro-F1 {result.MacroF1:F4}");
            }
            Console.WriteLine($"elapsed {started.Elapsed.TotalSeconds:F0} s");
            return 0;
        });
        return new Command("triage", "Triage classifier tools.") { cv };
    }

    /// <summary>Embeds every example with the chosen provider, through the same Core registration the server uses.</summary>
    private static async Task<(float[][]? Vectors, string? Model)> EmbedAsync(ParseResult parse, string? provider, List<LabelledExample> examples, CancellationToken ct)
    {
        if (provider == "none") return (null, null);
        var scratch = Path.Combine(Path.GetTempPath(), $"supportagent-triage-cv-{Guid.NewGuid():N}");
        var overrides = new Dictionary<string, string?> { ["SupportAgent:DataDirectory"] = scratch };
        if (provider is not null) overrides["SupportAgent:Embeddings:Provider"] = provider;
        try
        {
            using var host = await CoreHost.StartAsync(parse, ct, overrides);
            var vectors = host.Services.GetRequiredService<MessageVectors>();
            var progress = new Progress<int>(n => Console.Error.Write($"\rembedded {n}/{examples.Count}"));
            var embedded = await vectors.EmbedAsync([.. examples.Select(e => e.Text)], ct, progress);
            Console.Error.WriteLine();
            return (embedded, vectors.ModelId);
        }
        finally
        {
            try { Directory.Delete(scratch, recursive: true); } catch (IOException) { }
        }
    }
}
