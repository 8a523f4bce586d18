using SupportAgent.Core.Knowledge.Parsing;

namespace SupportAgent.Benchmarks;

/// <summary>The demo tenant's Markdown documents, the realistic input for chunking and answering.</summary>
internal static class DemoKnowledge
{
    public static IReadOnlyList<(string Name, byte[] Content)> MarkdownFiles()
    {
        var folder = Find() ?? throw new DirectoryNotFoundException("knowledge/demo not found above the working directory.");
        return [.. Directory.GetFiles(folder, "*.md").Order().Select(f => (Path.GetFileName(f), File.ReadAllBytes(f)))];
    }

    public static IReadOnlyList<ParsedDocument> Parsed() =>
        [.. MarkdownFiles().Select(f => new MarkdownParser().Parse(f.Content, f.Name))];

    private static string? Find()
    {
        // BenchmarkDotNet runs each benchmark from a generated folder under bin/, so search upwards from both places.
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (Directory.Exists(Path.Combine(dir.FullName, "knowledge", "demo"))) return Path.Combine(dir.FullName, "knowledge", "demo");
        return null;
    }
}
