using SupportAgent.Core.Conversations;
using SupportAgent.Core.Knowledge.Chunking;
using SupportAgent.Core.Retrieval;

namespace SupportAgent.Core.Answering;

/// <summary>
/// The answerer used when no LLM is configured: it finds the sentences that best match the question among the top
/// passages, quotes them verbatim from one passage and cites it. It cannot hallucinate, which is why it is the default.
/// </summary>
public sealed class ExtractiveAnswerer : IAnswerGenerator
{
    public const string ModelName = "extractive";
    private const int MaxSentences = 3;
    private const int CandidatePassages = 3;

    public Task<GeneratedAnswer> GenerateAsync(AnswerRequest request, CancellationToken ct)
    {
        if (request.Passages.Count == 0)
            return Task.FromResult(new GeneratedAnswer("", [], ModelName, Grounded: false));
        var terms = TextAnalysis.Terms(request.Question).ToHashSet();
        // The passage holding the single best-matching sentence is quoted; ties go to the better-ranked passage.
        var best = request.Passages.Take(CandidatePassages)
            .Select((p, rank) => (Passage: p, Rank: rank, Overlap: Sentences(p.Chunk.Text).Select(s => Relevance(request.Question, s, terms)).DefaultIfEmpty(0).Max()))
            .OrderByDescending(x => x.Overlap).ThenBy(x => x.Rank)
            .First().Passage;
        var quote = Quote(request.Question, best.Chunk.Text);
        var citation = new Citation(best.Chunk.DocumentId, best.Chunk.Title, best.Chunk.ChunkId, Snippet(quote), best.Chunk.Url, best.Chunk.Heading);
        return Task.FromResult(new GeneratedAnswer($"{quote} [1]", [citation], ModelName));
    }

    /// <summary>The passage's sentences that share most terms with the question, kept in their original order.</summary>
    internal static string Quote(string question, string passage)
    {
        var terms = TextAnalysis.Terms(question).ToHashSet();
        var sentences = Sentences(passage);
        var chosen = sentences
            .Select((s, i) => (Index: i, Overlap: Relevance(question, s, terms)))
            .Where(x => x.Overlap > 0)
            .OrderByDescending(x => x.Overlap).ThenBy(x => x.Index)
            .Take(MaxSentences)
            .OrderBy(x => x.Index)
            .Select(x => sentences[x.Index])
            .ToList();
        return string.Join(" ", chosen.Count > 0 ? chosen : sentences.Take(2));
    }

    private static List<string> Sentences(string passage) => [.. TextSplitter.Paragraphs(passage).SelectMany(TextSplitter.Sentences)];

    /// <summary>Shared content terms, plus one when the sentence holds the kind of fact asked for (a duration, an amount).</summary>
    private static double Relevance(string question, string sentence, HashSet<string> terms)
    {
        var overlap = TextAnalysis.Terms(sentence).Count(terms.Contains);
        return overlap == 0 ? 0 : overlap + 1.5 * AnswerType.Match(question, sentence);
    }

    private static string Snippet(string text) => text.Length <= 300 ? text : text[..297].TrimEnd() + "…";
}
