using SupportAgent.Core.Retrieval;

namespace SupportAgent.Core.Handoff;

/// <summary>
/// "Close enough" between a new question and an approved one: cosine similarity of their stemmed content terms.
/// Lexical on purpose: an approved reply is sent verbatim without a model in the loop, so a match must share the
/// customer's actual words, not just a topic.
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
}
