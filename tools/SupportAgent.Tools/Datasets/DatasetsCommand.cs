using System.CommandLine;


namespace SupportAgent.Tools.Datasets;

/// <summary><c>datasets</c>: turns public benchmark data into the product's own formats (knowledge .jsonl, evaluation cases).</summary>
internal static class DatasetsCommand
{
    public static Command Create()
    {
        var source = new Option<DirectoryInfo>("--source")
        {
            Description = "Folder with knowledge.json, dev.logs.json and dev.labels.json",
            DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("..", "shared", "datasets", "dstc11")),
        };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write knowledge.jsonl, cases.jsonl and cases-last-turn.jsonl to", Required = true };
        var markdown = new Option<bool>("--markdown") { Description = "Also write one .md file per document under knowledge/ (for `ingest --path`)" };
        var dstc11 = new Command("dstc11", "Convert DSTC11 track 5 (knowledge-grounded dialogue) to knowledge .jsonl and evaluation cases.") { source, output, markdown };
        dstc11.SetAction(async (parse, ct) =>
        {
            var from = parse.GetValue(source)!;
            if (!File.Exists(Path.Combine(from.FullName, "knowledge.json")))
            {
                Console.Error.WriteLine($"No knowledge.json in '{from.FullName}'.");
                return 2;
            }
            var counts = await Dstc11Converter.ConvertAsync(from.FullName, parse.GetValue(output)!.FullName, parse.GetValue(markdown), ct);
            Console.WriteLine($"{counts.Documents} documents, {counts.Cases} cases (target turns) written to {parse.GetValue(output)!.FullName}");
            return 0;
        });
        return new Command("datasets", "Convert public data sets for ingestion and evaluation.") { dstc11 };
    }
}
