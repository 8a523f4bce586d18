using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using SupportAgent.Core.Evaluation;
using SupportAgent.Core.Retrieval;
using SupportAgent.Core.Retrieval.Condensing;
using SupportAgent.Core.Retrieval.Embedded;
using SupportAgent.Core.Retrieval.Embeddings;

namespace SupportAgent.Cli.Commands;

/// <summary>
/// <c>retrieval tune</c>: replays the embedded index's ranked lists for labelled cases under a grid of fusion and
/// re-ranking weights. Condensing, embedding and searching happen once per case; every weighting is then scored on the
/// same lists exactly as the index and the retriever combine them, so the grid costs seconds, not an evaluation each.
/// </summary>
internal static class RetrievalCommand
{
    public static Command Create()
    {
        var tenant = new Option<string>("--tenant") { Description = "Tenant whose knowledge the cases are about", Required = true };
        var file = new Option<FileInfo>("--file") { Description = "Evaluation cases (JSONL) with expectedSources", Required = true };
        var top = new Option<int>("--top") { Description = "How many of the best weightings to print", DefaultValueFactory = _ => 15 };
        var tune = new Command("tune",
            "Score a grid of fusion weights (lexical, dense, within-subject, RRF constant) and re-ranking weights (coverage, entity agreement) on hit@5, hit@1 and MRR; with two-fold cross-validation.")
        {
            tenant, file, top,
        };
        tune.SetAction(async (parse, ct) =>
        {
            IReadOnlyList<EvaluationCase> cases;
            try { cases = EvaluationCaseReader.Read(await File.ReadAllTextAsync(parse.GetValue(file)!.FullName, ct)); }
            catch (Exception e) when (e is EvaluationFileException or IOException) { Console.Error.WriteLine(e.Message); return 2; }
            using var host = await CoreHost.StartAsync(parse, ct);
            if (host.Services.GetRequiredService<IKnowledgeIndex>() is not EmbeddedHybridIndex index)
            {
                Console.Error.WriteLine("Tuning replays the embedded index's lists; set SupportAgent:Index:Provider to embedded.");
                return 2;
            }
            var replays = await ReplayAsync(host.Services, index, parse.GetValue(tenant)!, [.. cases.Where(c => c.ExpectedSources is { Count: > 0 })], ct);
            var current = host.Services.GetRequiredService<RankingWeights>();
            var grid = FusionGrid.Weightings().Append(current).Distinct().ToList();
            Console.WriteLine($"cases {replays.Count}, weightings {grid.Count}");
            var ranks = grid.ToDictionary(w => w, w => FusionGrid.ReciprocalRanks(replays, w));
            var scored = grid.Select(w => (Weights: w, Score: FusionGrid.Score(ranks[w]))).OrderByDescending(s => s.Score).ToList();
            Console.WriteLine("hit@5   hit@1   MRR     lexical dense within k   coverage entity");
            foreach (var (w, s) in scored.Take(parse.GetValue(top))) Console.WriteLine(Line(w, s));
            Console.WriteLine("configured now:");
            Console.WriteLine(Line(current, FusionGrid.Score(ranks[current])));
            // Two-fold cross-validation over contiguous halves (neighbouring cases often share a conversation).
            var half = replays.Count / 2;
            (int Skip, int Take)[] folds = [(0, half), (half, replays.Count - half)];
            for (var f = 0; f < 2; f++)
            {
                var (trainSkip, trainTake) = folds[f];
                var (testSkip, testTake) = folds[1 - f];
                var best = grid.MaxBy(w => FusionGrid.Score(ranks[w].Skip(trainSkip).Take(trainTake)))!;
                Console.WriteLine($"tuned on half {f + 1}, scored on half {2 - f}: {Line(best, FusionGrid.Score(ranks[best].Skip(testSkip).Take(testTake)))}" +
                    $"   (configured now on that half: {FusionGrid.Score(ranks[current].Skip(testSkip).Take(testTake))})");
            }
            return 0;
        });
        return new Command("retrieval", "Retrieval tools.") { tune };
    }

    private static string Line(RankingWeights w, FusionScore s) => string.Create(CultureInfo.InvariantCulture,
        $"{s.HitAt5:F3}   {s.HitAt1:F3}   {s.Mrr:F3}   {w.Lexical,-7} {w.Dense,-5} {w.WithinSubject,-6} {w.RankConstant,-3} {w.Coverage,-8} {w.Entity}");

    private static async Task<List<CaseReplay>> ReplayAsync(IServiceProvider services, EmbeddedHybridIndex index, string tenantId,
        IReadOnlyList<EvaluationCase> cases, CancellationToken ct)
    {
        var condenser = services.GetRequiredService<QueryCondenser>();
        var embedder = services.GetService<IEmbeddingGenerator<string, Embedding<float>>>();
        var replays = new List<CaseReplay>();
        foreach (var c in cases)
        {
            var history = (c.History ?? []).Select(h => new ConversationTurn(h.Role == "user", h.Text)).ToList();
            var condensed = await condenser.CondenseAsync(tenantId, c.Question, history, ct);
            var vector = embedder is null ? null : await embedder.EmbedQueryAsync(condensed.ToString(), ct);
            var lists = await index.RankedListsAsync(tenantId, new SearchQuery(condensed.Text, FusionGrid.Requested, vector, condensed.Subject), FusionGrid.Depth, ct);
            var chunks = index.Chunks(tenantId, [.. lists.WithinSubject.Concat(lists.Lexical).Concat(lists.Dense).Distinct()]);
            replays.Add(new CaseReplay(lists, chunks.ToDictionary(x => x.Key, x => x.Value.DocumentId),
                chunks.ToDictionary(x => x.Key, x => LexicalConfidence.Score(c.Question, x.Value)),
                chunks.ToDictionary(x => x.Key, x => EntityAgreement.Score(condensed.Subject, x.Value)), [.. c.ExpectedSources!]));
            if (replays.Count % 100 == 0) Console.Error.Write($"\r{replays.Count}/{cases.Count} cases");
        }
        Console.Error.WriteLine();
        return replays;
    }
}
