using System.CommandLine;
using System.Diagnostics;
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
        var cv = new Command("cv", "Cross-validate the triage classifier on labelled examples; prints accuracy and macro-F1.") { file, folds, only, seed };
        cv.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path)) { Console.Error.WriteLine($"No file at '{path}'."); return 2; }
            var (examples, error) = ExamplesCsv.Parse(File.ReadAllText(path));
            if (error is not null) { Console.Error.WriteLine(error); return 2; }
            var k = parse.GetValue(folds);
            if (k < 2) { Console.Error.WriteLine("--folds must be at least 2."); return 2; }
            var started = Stopwatch.StartNew();
            var result = CrossValidation.Run(examples, k, parse.GetValue(seed), parse.GetValue(only), Console.WriteLine);
            Console.WriteLine($"examples {result.Examples}, categories {result.Categories}, folds {result.FoldAccuracies.Count}/{result.Folds}");
            Console.WriteLine($"accuracy {result.Accuracy:F4}");
            Console.WriteLine($"macro-F1 {result.MacroF1:F4}");
            Console.WriteLine($"elapsed {started.Elapsed.TotalSeconds:F0} s");
            return 0;
        });
        return new Command("triage", "Triage classifier tools.") { cv };
    }
}
