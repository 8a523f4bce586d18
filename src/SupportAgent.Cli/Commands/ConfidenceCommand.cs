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
        var calibrate = new Command("calibrate",
            "Retrieve for each case, fit the logistic confidence on the passages (right document or not), and print the weights and the precision / answer-rate curve.")
        {
            tenant, file, precision,
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
            var fitted = CalibrationFit.Fit(embeddings.ModelId!, rows);
            var (centred, point) = CalibrationFit.Centre(fitted, rows, parse.GetValue(precision));
            Console.WriteLine($"cases {rows.Select(r => r.CaseId).Distinct().Count()}, passages {rows.Count} ({rows.Count(r => r.Answers)} answer their question)");
            Console.WriteLine(FormattableString.Invariant($"fitted: intercept {fitted.Intercept:F3}, sentence {fitted.Sentence:F3}, heading {fitted.Heading:F3}, lexical {fitted.Lexical:F3}"));
            Console.WriteLine(FormattableString.Invariant($"threshold {point.Threshold:F3}: answer rate {point.AnswerRate:F3}, precision {point.Precision:F3} ({point.Answered}/{point.Cases})"));
            Console.WriteLine(FormattableString.Invariant($"centred on 0.5: new ConfidenceCalibration(\"{centred.ModelId}\", {centred.Intercept:F3}, {centred.Sentence:F3}, {centred.Heading:F3}, {centred.Lexical:F3})"));
            Console.WriteLine("threshold  answer-rate  precision   (centred scores; the built-in calibration for comparison)");
            var builtIn = ConfidenceCalibration.For(embeddings.ModelId);
            foreach (var t in new[] { 0.3, 0.4, 0.5, 0.6, 0.7 })
            {
                var p = CalibrationFit.Curve(centred, rows, [t])[0];
                var b = builtIn is null ? null : CalibrationFit.Curve(builtIn, rows, [t])[0];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{t,9:F2}  {p.AnswerRate,11:F3}  {p.Precision,9:F3}   built-in: {b?.AnswerRate:F3} / {b?.Precision:F3}"));
            }
            return 0;
        });
        return new Command("confidence", "Answer-confidence tools.") { calibrate };
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
            var triage = await rules.TriageAsync(tenantId, c.Question, [], ct);
            if (!answerable && (triage.WantsHuman || triage.Sensitive || triage.Urgency == Urgency.High || triage.ActionRequest)) continue;
            var history = (c.History ?? []).Select(h => new ConversationTurn(h.Role == "user", h.Text)).ToList();
            var retrieved = await retriever.RetrieveAsync(tenantId, c.Question, history, 5, ct);
            var features = await confidence.FeaturesAsync(c.Question, retrieved.Passages, ct);
            rows.AddRange(retrieved.Passages.Select((p, i) => new CalibrationRow(c.Id, i, features[i], answerable && c.ExpectedSources!.Contains(p.Chunk.DocumentId))));
        }
        return rows;
    }
}
