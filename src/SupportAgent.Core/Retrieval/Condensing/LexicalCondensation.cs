namespace SupportAgent.Core.Retrieval.Condensing;

/// <summary>
/// Rewrites a follow-up into a self-contained search query without an LLM, by tracking two things:
/// the entity (the most recent turn that names one, when the question names none) and the topic (a short follow-up
/// such as "and to Canada?" keeps the previous customer turn's content words).
/// </summary>
public static class LexicalCondensation
{
    /// <summary>A question with fewer content words than this is treated as an elliptical follow-up.</summary>
    private const int ShortQuestionTerms = 2;

    public static CondensedQuery Condense(string question, IReadOnlyList<ConversationTurn> history, Func<string, bool> isEntity, EntityNames? names = null)
    {
        if (history.Count == 0) return new CondensedQuery(question, []);
        var terms = TextAnalysis.Terms(question);
        var added = new List<string>();
        var subject = new List<string>();
        if (names is { IsEmpty: false })
        {
            // Whole names are more reliable than rare words: the question's own name wins, else the latest turn's.
            if (names.Mentioned(question).Count == 0)
                foreach (var turn in history.Reverse())
                    if (names.Mentioned(turn.Text) is { Count: > 0 } mentioned)
                    {
                        subject.AddRange(mentioned);
                        break;
                    }
        }
        else if (!terms.Any(isEntity))
        {
            // Most recent first: the entity under discussion is the last one named, by either side.
            for (var i = history.Count - 1; i >= 0; i--)
            {
                var entities = ContentWords(history[i].Text).Where(w => isEntity(w.Term)).Select(w => w.Word).ToList();
                if (entities.Count == 0) continue;
                subject.AddRange(entities.Distinct());
                break;
            }
        }
        if (terms.Count(t => !isEntity(t)) < ShortQuestionTerms && history.LastOrDefault(t => t.FromCustomer) is { } previous)
            added.AddRange(ContentWords(previous.Text).Where(w => !isEntity(w.Term)).Select(w => w.Word));
        // Added as the words were written (not stems), so the lexical index stems them exactly as it stemmed the documents.
        var extra = added.Distinct().Where(w => !terms.Contains(TextAnalysis.Stem(w))).ToList();
        return new CondensedQuery(extra.Count == 0 ? question : $"{question} {string.Join(' ', extra)}", subject);
    }

    private static IEnumerable<(string Word, string Term)> ContentWords(string text) =>
        TextAnalysis.Words(text).Select(w => (Word: w, Terms: TextAnalysis.Terms(w))).Where(x => x.Terms.Count == 1).Select(x => (x.Word, x.Terms[0]));
}
