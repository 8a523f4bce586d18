using System.Text.RegularExpressions;
using SupportAgent.Core.Answering.Semantic;
using SupportAgent.Core.Conversations;
using SupportAgent.Core.Retrieval;

namespace SupportAgent.Core.Answering;

/// <summary>
/// The answerer used when no LLM is configured: it quotes, verbatim, the 1–3 sentences of the best passages that are
/// most similar in meaning to the question (sentence vectors from the shipped model; shared words when the embedder
/// is lexical), adds the sentence before one that only refers back to its subject ("It takes 3–5 days."), and cites
/// each sentence. Headings, table rows and list fragments are never quoted: with nothing quotable the answer is not
/// grounded and the policy escalates. It cannot hallucinate, which is why it is the default.
/// </summary>
public sealed partial class ExtractiveAnswerer(SentenceEmbeddings? embeddings = null) : IAnswerGenerator
{
    public const string ModelName = "extractive";
    private const int MaxSentences = 3;
    private const int CandidatePassages = 3;

    /// <summary>Sentences this close to the best one (cosine) are quoted with it; further ones answer something else.</summary>
    private const double SemanticMargin = 0.08;

    public async Task<GeneratedAnswer> GenerateAsync(AnswerRequest request, CancellationToken ct)
    {
        var candidates = request.Passages.Take(CandidatePassages)
            .SelectMany((p, rank) => PassageSentences.Split(p.Chunk.Text).Select(s => new Candidate(p, rank, s)))
            .ToList();
        var quotable = candidates.Where(c => c.Sentence.Quotable).ToList();
        if (quotable.Count == 0) return new GeneratedAnswer("", [], ModelName, Grounded: false);

        var scored = embeddings is { Semantic: true }
            ? await SemanticScoresAsync(request.Question, quotable, ct)
            : LexicalScores(request.Question, quotable);
        var chosen = Choose(scored, candidates, semantic: embeddings is { Semantic: true });
        return Compose(chosen);
    }

    private async Task<List<(Candidate Candidate, double Score)>> SemanticScoresAsync(string question, List<Candidate> quotable, CancellationToken ct)
    {
        var query = await embeddings!.QueryAsync(question, ct);
        // A sentence is also read under its section's heading ("Point expiry: Points don't expire as long as…"): what a
        // section is about is often said only by its heading, and the better of the two readings counts.
        // Both readings in one call: one pass through the model instead of two on the turn.
        var both = await embeddings.PassagesAsync([.. quotable.Select(c => c.Sentence.Text), .. quotable.Select(c => $"{Section(c.Passage.Chunk)}: {c.Sentence.Text}")], ct);
        var (vectors, inSection) = (both[..quotable.Count], both[quotable.Count..]);
        var terms = TextAnalysis.Terms(question).ToHashSet();
        // Similarity decides; the kind of fact asked for ("how long" → a duration), shared words and the passage's
        // rank only break near ties, so a paraphrase with no word in common still finds its sentence.
        return [.. quotable.Select((c, i) => (c, Math.Max(SentenceEmbeddings.Cosine(query, vectors[i]), SentenceEmbeddings.Cosine(query, inSection[i]))
            + 0.04 * AnswerType.Match(question, c.Sentence.Text)
            + 0.01 * Math.Min(3, TextAnalysis.Terms(c.Sentence.Text).Count(terms.Contains))
            - 0.01 * c.Rank))];
    }

    private static List<(Candidate Candidate, double Score)> LexicalScores(string question, List<Candidate> quotable)
    {
        var terms = TextAnalysis.Terms(question).ToHashSet();
        return [.. quotable.Select(c => (c, Relevance(question, c.Sentence.Text, terms) - 0.1 * c.Rank))];
    }

    /// <summary>
    /// The best sentence and up to two more nearly as good, each with its antecedent when it needs one. Semantic
    /// scores are comparable across passages, so the others may come from another candidate passage; shared-word
    /// counts are not, so the lexical path quotes the best sentence's passage only, every sentence sharing a word.
    /// </summary>
    private static List<Candidate> Choose(List<(Candidate Candidate, double Score)> scored, List<Candidate> all, bool semantic)
    {
        // Neighbouring chunks overlap, so one sentence can be a candidate twice: it is quoted once, from its best passage.
        var ranked = scored.OrderByDescending(x => x.Score).DistinctBy(x => x.Candidate.Sentence.Text).ToList();
        var best = ranked[0];
        var picked = (semantic
                ? ranked.Where(x => x.Score >= best.Score - SemanticMargin)
                : ranked.Where(x => x == best || (x.Candidate.Passage == best.Candidate.Passage && x.Score > 0)))
            .Take(MaxSentences).Select(x => x.Candidate).ToList();
        foreach (var sentence in picked.ToList())
            if (NeedsAntecedent(sentence.Sentence.Text) && all.FirstOrDefault(c => c.Passage == sentence.Passage && c.Sentence.Index == sentence.Sentence.Index - 1) is { Sentence.Quotable: true } before
                && !picked.Any(c => c.Sentence.Text == before.Sentence.Text))
                picked.Add(before);
        // A list quoted whole with its lead-in already holds the items picked beside it (from its own chunk or an overlapping one).
        picked.RemoveAll(c => picked.Any(other => other != c && other.Sentence.Text.Length > c.Sentence.Text.Length
            && other.Sentence.Text.Contains(c.Sentence.Text.TrimEnd('.', ',', ';', ' '), StringComparison.Ordinal)));
        // Quote passage by passage (the best one first), each in its own reading order.
        var passageOrder = picked.Select(c => c.Rank).Distinct().ToList();
        return [.. picked.OrderBy(c => passageOrder.IndexOf(c.Rank)).ThenBy(c => c.Sentence.Index)];
    }

    /// <summary>A sentence opening with a pronoun that points back ("It", "This", "They") names its subject in the sentence before.</summary>
    private static bool NeedsAntecedent(string sentence)
    {
        var first = TextAnalysis.Words(sentence).FirstOrDefault();
        return first is "it" or "this" or "that" or "these" or "those" or "they" or "them" or "each" or "both" or "otherwise" or "there";
    }

    private static GeneratedAnswer Compose(List<Candidate> chosen)
    {
        var order = chosen.Select(c => c.Passage).Distinct().ToList();
        var text = string.Join(" ", chosen.Select(c => $"{Quoted(c)} [{order.IndexOf(c.Passage) + 1}]"));
        var citations = order.Select(p =>
        {
            var quoted = string.Join(" ", chosen.Where(c => c.Passage == p).Select(Quoted));
            return new Citation(p.Chunk.DocumentId, p.Chunk.Title, p.Chunk.ChunkId, Snippet(quoted), p.Chunk.Url, p.Chunk.Heading);
        }).ToList();
        return new GeneratedAnswer(text, citations, ModelName);
    }

    /// <summary>Shared content terms, plus one and a half when the sentence holds the kind of fact asked for (a duration, an amount).</summary>
    private static double Relevance(string question, string sentence, HashSet<string> terms)
    {
        var overlap = TextAnalysis.Terms(sentence).Count(terms.Contains);
        return overlap == 0 ? 0 : overlap + 1.5 * AnswerType.Match(question, sentence);
    }

    /// <summary>
    /// The sentence as sent. A line without closing punctuation is a label or list line ("Apple Pay (Safari and the iOS
    /// app) and Google Pay (Chrome and the Android app)"): on its own it reads as a fragment, so it is sent under its
    /// section's name, as the page shows it, and closed with a full stop.
    /// </summary>
    private static string Quoted(Candidate c)
    {
        var text = c.Sentence.Text;
        if (Terminated().IsMatch(text)) return text;
        var section = Section(c.Passage.Chunk).Split('›').Last().Trim();
        return text.StartsWith(section, StringComparison.OrdinalIgnoreCase) ? $"{text}." : $"{section}: {text}.";
    }

    [GeneratedRegex(@"[.!?][""')\]]?$")]
    private static partial Regex Terminated();

    private static string Section(IndexedChunk chunk) => string.IsNullOrWhiteSpace(chunk.Heading) ? chunk.Title : chunk.Heading;

    private static string Snippet(string text) => text.Length <= 300 ? text : text[..297].TrimEnd() + "…";

    private sealed record Candidate(Passage Passage, int Rank, PassageSentence Sentence);
}
