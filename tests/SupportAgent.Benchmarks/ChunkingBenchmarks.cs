using BenchmarkDotNet.Attributes;
using SupportAgent.Core.Knowledge.Chunking;
using SupportAgent.Core.Knowledge.Parsing;

namespace SupportAgent.Benchmarks;

/// <summary>Parse and chunk the whole demo knowledge base: the CPU part of ingestion before embedding and indexing.</summary>
[MemoryDiagnoser]
public class ChunkingBenchmarks
{
    private readonly Chunker chunker = new(new TokenCounter());
    private readonly MarkdownParser parser = new();
    private IReadOnlyList<(string Name, byte[] Content)> files = [];
    private IReadOnlyList<ParsedDocument> parsed = [];

    [GlobalSetup]
    public void Setup()
    {
        files = DemoKnowledge.MarkdownFiles();
        parsed = DemoKnowledge.Parsed();
    }

    [Benchmark]
    public int ParseMarkdown() => files.Sum(f => parser.Parse(f.Content, f.Name).Sections.Count);

    [Benchmark]
    public int Chunk300Tokens() => parsed.Sum(d => chunker.Chunk(d, 300, 40).Count);
}
