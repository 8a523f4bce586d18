namespace SupportAgent.Core.Retrieval.Embedded;

public static class FtsQuery
{
    /// <summary>
    /// Builds an FTS5 query from plain words only: each term is quoted, so operators, column filters or quotes in
    /// the customer's text can never change the query's meaning. Stop words are dropped unless nothing else is left.
    /// </summary>
    public static string? From(string text, IReadOnlyList<string>? subject = null)
    {
        var terms = TextAnalysis.Words(text).Distinct().Take(64).ToList();
        var content = terms.Where(t => TextAnalysis.Terms(t).Count > 0).ToList();
        if (content.Count > 0) terms = content;
        var about = subject?.SelectMany(TextAnalysis.Words).Where(w => TextAnalysis.Terms(w).Count > 0).Distinct().Take(16).ToList() ?? [];
        var parts = new List<string>();
        if (terms.Count > 0) parts.Add(string.Join(" OR ", terms.Select(t => $"\"{t}\"")));
        // Subject words count in titles and headings only: every passage of the entity's documents carries them there
        // once, so they pick the entity without favouring passages that merely repeat its name.
        if (about.Count > 0) parts.Add($"{{title heading}} : ({string.Join(" OR ", about.Select(t => $"\"{t}\""))})");
        return parts.Count == 0 ? null : string.Join(" OR ", parts);
    }

    /// <summary>
    /// The question's terms searched only among the subject's documents (a subject word in the title or heading), so
    /// the entity the conversation is about is ranked by the topic asked now. Null without a subject; without content
    /// terms, every passage of the subject's documents matches.
    /// </summary>
    public static string? WithinSubject(string text, IReadOnlyList<string>? subject)
    {
        var about = subject?.SelectMany(TextAnalysis.Words).Where(w => TextAnalysis.Terms(w).Count > 0).Distinct().Take(16).ToList() ?? [];
        if (about.Count == 0) return null;
        var filter = $"{{title heading}} : ({string.Join(" OR ", about.Select(t => $"\"{t}\""))})";
        var terms = TextAnalysis.Words(text).Where(t => TextAnalysis.Terms(t).Count > 0).Distinct().Take(64).ToList();
        return terms.Count == 0 ? filter : $"({filter}) AND ({string.Join(" OR ", terms.Select(t => $"\"{t}\""))})";
    }
}
