using BenchmarkDotNet.Attributes;
using SupportAgent.Core.Answering;
using SupportAgent.Core.Knowledge.Chunking;
using SupportAgent.Core.Retrieval;

namespace SupportAgent.Benchmarks;

/// <summary>The embedded default's answer step: pick and quote the best sentences from the top passages.</summary>
[MemoryDiagnoser]
public class AnswerBenchmarks
{
    private readonly ExtractiveAnswerer answerer = new();
    private AnswerRequest request = null!;

    [GlobalSetup]
    public void Setup()
    {
        var chunker = new Chunker(new TokenCounter());
        // The five chunks of the demo documents that share the most terms with the question stand in for retrieval's top five.
        const string question = "How long does shipping to Canada take?";
        var terms = TextAnalysis.Terms(question).ToHashSet();
        var passages = DemoKnowledge.Parsed()
            .SelectMany(d => chunker.Chunk(d, 300, 40).Select((c, i) => new IndexedChunk($"{d.Title}:{i}", d.Title, d.Title, c.Heading, c.Text, null)))
            .OrderByDescending(c => TextAnalysis.Terms(c.Text).Count(terms.Contains))
            .Take(5).Select((c, rank) => new Passage(c, 1.0 / (rank + 1), 0.8)).ToList();
        request = new AnswerRequest("demo", question, passages, "a friendly, concise support agent");
    }

    [Benchmark]
    public async Task<int> ExtractiveAnswer() => (await answerer.GenerateAsync(request, CancellationToken.None)).Text.Length;
}
