using SupportAgent.Core.Conversations;
using SupportAgent.Core.Knowledge.Chunking;
using SupportAgent.Core.Retrieval;

namespace SupportAgent.Core.Answering;

/// <summary>
/// The answerer used when no LLM is configured: it quotes the best passage's most relevant sentences verbatim and
/// cites them. It cannot hallucinate, which is why it is the default.
/// </summary>
public sealed class ExtractiveAnswerer : IAnswerGenerator
{
    public const string ModelName = "extractive";
    private const int MaxSentences = 3;

    public Task<GeneratedAnswer> GenerateAsync(AnswerRequest request, CancellationToken ct)
    {
        if (request.Passages.Count == 0)
            return Task.FromResult(new GeneratedAnswer("", [], ModelName, Grounded: false));
        var best = request.Passages[0];
        var quote = Quote(request.Question, best.Chunk.Text);
        var citation = new Citation(best.Chunk.DocumentId, best.Chunk.Title, best.Chunk.ChunkId, Snippet(quote), best.Chunk.Url, best.Chunk.Heading);
        return Task.FromResult(new GeneratedAnswer($"{quote} [1]", [citation], ModelName));
    }

    /// <summary>The passage's sentences that share most terms with the question, kept in their original order.</summary>
    internal static string Quote(string question, string passage)
    {
        var terms = TextAnalysis.Terms(question).ToHashSet();
        var sentences = TextSplitter.Paragraphs(passage).SelectMany(TextSplitter.Sentences).ToList();
        var chosen = sentences
            .Select((s, i) => (Index: i, Overlap: TextAnalysis.Terms(s).Count(terms.Contains)))
            .Where(x => x.Overlap > 0)
            .OrderByDescending(x => x.Overlap).ThenBy(x => x.Index)
            .Take(MaxSentences)
            .OrderBy(x => x.Index)
            .Select(x => sentences[x.Index])
            .ToList();
        return string.Join(" ", chosen.Count > 0 ? chosen : sentences.Take(2));
    }

    private static string Snippet(string text) => text.Length <= 300 ? text : text[..297].TrimEnd() + "…";
}
