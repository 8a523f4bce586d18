using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using SupportAgent.Core.Evaluation;
using SupportAgent.Core.Tenants;

namespace SupportAgent.Cli.Commands;

/// <summary><c>eval</c>: the same report as POST /api/tenants/{t}/evaluations, plus a regression check against a baseline.</summary>
internal static class EvalCommand
{
    public const int RegressionExitCode = 3;

    public static Command Create()
    {
        var tenant = new Option<string>("--tenant") { Description = "Tenant id", Required = true };
        var file = new Option<FileInfo>("--file") { Description = "Evaluation cases (JSONL)", Required = true };
        var output = new Option<FileInfo?>("--out") { Description = "Write the report JSON here (default: standard output)" };
        var baseline = BaselineOption();
        var tolerance = ToleranceOption();
        var latencyTolerance = LatencyToleranceOption();
        var command = new Command("eval", "Run evaluation cases through the agent and report retrieval, decision, category and latency metrics.")
        {
            tenant, file, output, baseline, tolerance, latencyTolerance, CompareCommand(),
        };
        command.SetAction(async (parse, ct) =>
        {
            IReadOnlyList<EvaluationCase> cases;
            try { cases = EvaluationCaseReader.Read(await File.ReadAllTextAsync(parse.GetValue(file)!.FullName, ct)); }
            catch (Exception e) when (e is EvaluationFileException or IOException) { Console.Error.WriteLine(e.Message); return 2; }

            using var host = await CoreHost.StartAsync(parse, ct);
            await using (var scope = host.Services.CreateAsyncScope())
            {
                if (!await scope.ServiceProvider.GetRequiredService<TenantService>().ExistsAsync(parse.GetValue(tenant)!, ct))
                {
                    Console.Error.WriteLine($"Tenant '{parse.GetValue(tenant)}' does not exist.");
                    return 2;
                }
            }
            var progress = new Progress<int>(n => { if (n % 100 == 0 || n == cases.Count) Console.Error.Write($"\r{n}/{cases.Count} cases"); });
            var report = await host.Services.GetRequiredService<EvaluationRunner>().RunAsync(parse.GetValue(tenant)!, cases, progress, ct);
            Console.Error.WriteLine();
            var json = ReportJson.Serialize(report);
            if (parse.GetValue(output) is { } outFile) await File.WriteAllTextAsync(outFile.FullName, json, ct);
            else Console.WriteLine(json);
            return parse.GetValue(baseline) is { } baselineFile
                ? Check(ReportJson.Deserialize(await File.ReadAllTextAsync(baselineFile.FullName, ct)), report, parse.GetValue(tolerance), parse.GetValue(latencyTolerance))
                : 0;
        });
        return command;
    }

    /// <summary><c>eval compare</c>: checks a saved report against a baseline without running anything.</summary>
    private static Command CompareCommand()
    {
        var baseline = BaselineOption(required: true);
        var report = new Option<FileInfo>("--report") { Description = "The report to check", Required = true };
        var tolerance = ToleranceOption();
        var latencyTolerance = LatencyToleranceOption();
        var command = new Command("compare", "Exit non-zero when a report regresses against a baseline by more than the tolerance.")
        {
            baseline, report, tolerance, latencyTolerance,
        };
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                var before = ReportJson.Deserialize(await File.ReadAllTextAsync(parse.GetValue(baseline)!.FullName, ct));
                var after = ReportJson.Deserialize(await File.ReadAllTextAsync(parse.GetValue(report)!.FullName, ct));
                return Check(before, after, parse.GetValue(tolerance), parse.GetValue(latencyTolerance));
            }
            catch (Exception e) when (e is IOException or System.Text.Json.JsonException or EvaluationFileException)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }
        });
        return command;
    }

    private static int Check(EvaluationReport baseline, EvaluationReport report, double tolerance, double? latencyTolerance)
    {
        var regressions = RegressionCheck.Compare(baseline, report, tolerance, latencyTolerance);
        foreach (var r in regressions)
            Console.Error.WriteLine($"REGRESSION {r.Metric}: {r.Baseline:0.####} → {r.Current:0.####}");
        if (regressions.Count == 0) Console.Error.WriteLine($"No metric regressed beyond the tolerance ({tolerance}).");
        return regressions.Count == 0 ? 0 : RegressionExitCode;
    }

    private static Option<FileInfo?> BaselineOption(bool required = false) =>
        new("--baseline") { Description = "A saved report to compare with; exit 3 when a metric regresses", Required = required };

    private static Option<double> ToleranceOption() =>
        new("--tolerance") { Description = "Largest acceptable drop of a quality metric (absolute)", DefaultValueFactory = _ => 0.02 };

    private static Option<double?> LatencyToleranceOption() =>
        new("--latency-tolerance") { Description = "Largest acceptable relative rise of latency (e.g. 0.5); latency is ignored when unset" };
}
