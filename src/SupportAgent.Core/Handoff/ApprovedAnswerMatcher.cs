using SupportAgent.Core.Answering.Semantic;
using SupportAgent.Core.Retrieval;

namespace SupportAgent.Core.Handoff;

/// <summary>
/// "Close enough" between a new question and an approved one: the higher of the cosine similarity of their stemmed
/// content terms and, with the shipped sentence-embedding model, the cosine similarity of their sentence vectors, so
/// "can I send the boots back after wearing them once?" finds the approved "are worn boots returnable?". An approved
/// reply is sent verbatim without a model in the loop, so the threshold (a tenant setting, 0.75 by default) is high:
/// two questions on the same topic that ask different things sit well below it.
/// </summary>
public static class ApprovedAnswerMatcher
{
    public static double Similarity(string a, string b)
    {
        var left = TextAnalysis.Terms(a);
        var right = TextAnalysis.Terms(b);
        if (left.Count == 0 || right.Count == 0) return 0;
        var shared = left.Intersect(right, StringComparer.Ordinal).Count();
        return shared / Math.Sqrt(left.Count * (double)right.Count);
    }

    public static (ApprovedAnswer Answer, double Score)? Best(string question, IEnumerable<ApprovedAnswer> candidates, double threshold) =>
        candidates
            .Select(c => (Answer: c, Score: Similarity(question, c.Question)))
            .Where(x => x.Score >= threshold)
            .OrderByDescending(x => x.Score)
            .Cast<(ApprovedAnswer, double)?>()
            .FirstOrDefault();

    /// <summary>The best match by lexical or (when available) semantic similarity, at or above the threshold.</summary>
    public static async Task<(ApprovedAnswer Answer, double Score)?> BestAsync(string question, IReadOnlyList<ApprovedAnswer> candidates, double threshold,
        SentenceEmbeddings? embeddings, CancellationToken ct)
    {
        if (embeddings is not { Semantic: true } || candidates.Count == 0) return Best(question, candidates, threshold);
        var query = await embeddings.QueryAsync(question, ct);
        var vectors = await embeddings.PassagesAsync([.. candidates.Select(c => c.Question)], ct);
        return candidates
            .Select((c, i) => (Answer: c, Score: Math.Max(Similarity(question, c.Question), SentenceEmbeddings.Cosine(query, vectors[i]))))
            .Where(x => x.Score >= threshold)
            .OrderByDescending(x => x.Score)
            .Cast<(ApprovedAnswer, double)?>()
            .FirstOrDefault();
    }
}
