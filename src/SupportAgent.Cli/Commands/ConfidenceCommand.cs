using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SupportAgent.Core.Answering.Semantic;
using SupportAgent.Core.Evaluation;
using SupportAgent.Core.Retrieval;
using SupportAgent.Core.Retrieval.Condensing;
using SupportAgent.Core.Triage;

namespace SupportAgent.Cli.Commands;

/// <summary><c>confidence calibrate</c>: fits the answer-confidence model for the configured embedder on labelled cases.</summary>
internal static class ConfidenceCommand
{
    public static Command Create()
    {
        var tenant = new Option<string>("--tenant") { Description = "Tenant whose knowledge the cases are about", Required = true };
        var file = new Option<FileInfo>("--file") { Description = "Evaluation cases (JSONL) with expectedSources or expectedDecision", Required = true };
        var precision = new Option<double>("--precision") { Description = "Auto-answer precision the default threshold must reach", DefaultValueFactory = _ => 0.95 };
        var dump = new Option<FileInfo?>("--rows") { Description = "Write every passage's features and label as CSV (case, rank, answers, features) for analysis" };
        var with = new Option<FileInfo[]>("--with-rows")
        {
            Description = "Add passages saved by an earlier run's --rows (e.g. another tenant's cases) to this run's before fitting (repeatable)",
        };
        var margin = new Option<double>("--margin")
        {
            Description = "Logits the threshold keeps above the highest-scoring case that must escalate (choose it with --folds)", DefaultValueFactory = _ => 0,
        };
        var folds = new Option<int>("--folds") { Description = "Also cross-validate by question in this many folds, for a range of margins (0 = no)", DefaultValueFactory = _ => 0 };
        var perCase = new Option<bool>("--cases") { Description = "Also print every case's best passage: its document, whether it is right, the features and the built-in score" };
        var calibrate = new Command("calibrate",
            "Retrieve for each case, fit the logistic confidence on the passages (right document or not), and print the weights and the precision / answer-rate curve.")
        {
            tenant, file, precision, margin, folds, perCase, dump, with,
        };
        calibrate.SetAction(async (parse, ct) =>
        {
            IReadOnlyList<EvaluationCase> cases;
            try { cases = EvaluationCaseReader.Read(await File.ReadAllTextAsync(parse.GetValue(file)!.FullName, ct)); }
            catch (Exception e) when (e is EvaluationFileException or IOException) { Console.Error.WriteLine(e.Message); return 2; }
            using var host = await CoreHost.StartAsync(parse, ct);
            var confidence = host.Services.GetRequiredService<PassageConfidence>();
            var embeddings = host.Services.GetRequiredService<SentenceEmbeddings>();
            if (!embeddings.Semantic) { Console.Error.WriteLine("The configured embedder is lexical; confidence is lexical coverage and needs no calibration."); return 2; }
            var rows = await RowsAsync(host.Services, parse.GetValue(tenant)!, cases, confidence, ct);
            if (parse.GetValue(dump) is { } rowsFile) await File.WriteAllLinesAsync(rowsFile.FullName, RowsCsv.Write(rows), ct);
            foreach (var saved in parse.GetValue(with) ?? []) rows.AddRange(RowsCsv.Read(await File.ReadAllLinesAsync(saved.FullName, ct)));
            var fitted = CalibrationFit.Fit(embeddings.ModelId!, rows);
            var (centred, point) = CalibrationFit.Centre(fitted, rows, parse.GetValue(precision), parse.GetValue(margin));
            var questions = CalibrationFit.Questions(rows).ToList();
            Console.WriteLine($"cases {questions.Count} ({questions.Count(q => q.Right)} with a right document among the first {CalibrationFit.Cited} passages), passages {rows.Count}");
            Console.WriteLine(FormattableString.Invariant($"fitted: intercept {fitted.Intercept:F3}, {Weights(fitted)}"));
            Console.WriteLine(FormattableString.Invariant($"threshold {point.Threshold:F3}: answer rate {point.AnswerRate:F3}, precision {point.Precision:F3} ({point.Answered}/{point.Cases}), cases to escalate answered {point.MustEscalateAnswered}"));
            Console.WriteLine(FormattableString.Invariant($"centred on 0.5: new ConfidenceCalibration(\"{centred.ModelId}\", {centred.Intercept:F3}, [{string.Join(", ", centred.Weights.Select(w => w.ToString("F3", CultureInfo.InvariantCulture)))}])"));
            Console.WriteLine("threshold  answer-rate  precision   (centred scores; the built-in calibration for comparison)");
            var builtIn = ConfidenceCalibration.For(embeddings.ModelId);
            foreach (var t in new[] { 0.3, 0.4, 0.5, 0.6, 0.7 })
            {
                var p = CalibrationFit.Curve(centred, rows, [t])[0];
                var b = builtIn is null ? null : CalibrationFit.Curve(builtIn, rows, [t])[0];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{t,9:F2}  {p.AnswerRate,11:F3}  {p.Precision,9:F3}   built-in: {b?.AnswerRate:F3} / {b?.Precision:F3}"));
            }
            if (parse.GetValue(folds) is > 1 and var k) PrintCrossValidation(embeddings.ModelId!, rows, k, parse.GetValue(precision));
            if (parse.GetValue(perCase)) PrintCases(rows, centred);
            return 0;
        });
        return new Command("confidence", "Answer-confidence tools.") { calibrate };
    }

    private static string Weights(ConfidenceCalibration c) =>
        string.Join(", ", ConfidenceFeatures.Names.Zip(c.Weights, (n, w) => string.Create(CultureInfo.InvariantCulture, $"{n} {w:F3}")));

    private static void PrintCrossValidation(string modelId, IReadOnlyList<CalibrationRow> rows, int folds, double precision)
    {
        Console.WriteLine($"{folds}-fold cross-validation by question (fitted and centred on the other folds, decided at 0.5):");
        Console.WriteLine("margin  answer-rate  precision  answered  right  must-escalate answered");
        foreach (var m in new[] { 0, 0.25, 0.5, 0.75, 1, 1.5, 2 })
        {
            var cv = CalibrationCrossValidation.Run(modelId, rows, folds, precision, m);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{m,6:F2}  {cv.AnswerRate,11:F3}  {cv.Precision,9:F3}  {cv.Answered,8}  {cv.Right,5}  {cv.MustEscalateAnswered} of {cv.MustEscalate}"));
        }
    }

    private static void PrintCases(IReadOnlyList<CalibrationRow> rows, ConfidenceCalibration calibration)
    {
        Console.WriteLine("case  best-rank  right  score  sentence  heading  lexical  passage  gap");
        foreach (var g in rows.GroupBy(r => r.CaseId))
        {
            var best = g.MaxBy(r => calibration.Score(r.Features))!;
            var f = best.Features;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{g.Key,-28} {best.Rank} {(best.Answers ? "yes" : "no "),-4} {calibration.Score(f):F3}  {f.Sentence:F3}  {f.Heading:F3}  {f.Lexical:F3}  {f.Passage:F3}  {f.Gap:F3}  any-right:{g.Any(r => r.Answers)}"));
        }
    }

    /// <summary>
    /// Cases that retrieval decides: answerable ones (expectedSources) and ones to escalate for lack of knowledge. Cases
    /// escalated by rules (a person asked for, sensitive, urgent, an action request) say nothing about confidence.
    /// </summary>
    private static async Task<List<CalibrationRow>> RowsAsync(IServiceProvider services, string tenantId, IReadOnlyList<EvaluationCase> cases,
        PassageConfidence confidence, CancellationToken ct)
    {
        var retriever = services.GetRequiredService<Retriever>();
        var rules = services.GetRequiredService<RuleTriage>();
        var rows = new List<CalibrationRow>();
        foreach (var c in cases)
        {
            var answerable = c.ExpectedSources is { Count: > 0 };
            if (!answerable && c.ExpectedDecision != "escalate") continue;
            // With the customer's earlier messages, as the agent triages them (a repeated failure asks for a person).
            var customerHistory = (c.History ?? []).Where(h => h.Role == "user").Select(h => h.Text).ToList();
            var triage = await rules.TriageAsync(tenantId, c.Question, customerHistory, ct);
            if (!answerable && (triage.WantsHuman || triage.Sensitive || triage.Urgency == Urgency.High || triage.ActionRequest)) continue;
            var history = (c.History ?? []).Select(h => new ConversationTurn(h.Role == "user", h.Text)).ToList();
            var retrieved = await retriever.RetrieveAsync(tenantId, c.Question, history, 5, ct);
            var features = await confidence.FeaturesAsync(c.Question, retrieved.Passages, ct);
            rows.AddRange(retrieved.Passages.Select((p, i) => new CalibrationRow(c.Id, i, features[i], answerable && c.ExpectedSources!.Contains(p.Chunk.DocumentId), MustEscalate: !answerable)));
        }
        return rows;
    }
}
