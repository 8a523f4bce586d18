namespace SupportAgent.Core.Retrieval.Embedded;

/// <summary>
/// A lexical query as phrases (each one quoted word) and how rows must match them. It renders to the FTS5 query text
/// (<see cref="ToFts"/>) and is evaluated in memory by <see cref="TenantLexicon"/> with the same meaning and scores.
/// </summary>
/// <param name="Phrases">In FTS5 order: BM25 adds their contributions in this order.</param>
/// <param name="SubjectRequired">Rows must match a subject phrase and, when there are any, a question phrase.</param>
public sealed record FtsQuery(IReadOnlyList<FtsPhrase> Phrases, bool SubjectRequired)
{
    /// <summary>
    /// Builds an FTS5 query from plain words only: each term is quoted, so operators, column filters or quotes in
    /// the customer's text can never change the query's meaning. Stop words are dropped unless nothing else is left.
    /// </summary>
    public static string? From(string text, IReadOnlyList<string>? subject = null) => Any(text, subject)?.ToFts();

    /// <summary>
    /// The question's terms searched only among the subject's documents (a subject word in the title or heading), so
    /// the entity the conversation is about is ranked by the topic asked now. Null without a subject; without content
    /// terms, every passage of the subject's documents matches.
    /// </summary>
    public static string? WithinSubject(string text, IReadOnlyList<string>? subject) => InSubject(text, subject)?.ToFts();

    /// <summary>Rows matching any question word or (in titles and headings) any subject word.</summary>
    public static FtsQuery? Any(string text, IReadOnlyList<string>? subject = null)
    {
        var terms = TextAnalysis.Words(CustomerWording.ForLexicalSearch(text)).Distinct().Take(64).ToList();
        var content = terms.Where(t => TextAnalysis.Terms(t).Count > 0).ToList();
        if (content.Count > 0) terms = content;
        // Subject words count in titles and headings only: every passage of the entity's documents carries them there
        // once, so they pick the entity without favouring passages that merely repeat its name.
        var phrases = terms.Select(t => new FtsPhrase(t, false)).Concat(About(subject).Select(t => new FtsPhrase(t, true))).ToList();
        return phrases.Count == 0 ? null : new FtsQuery(phrases, false);
    }

    /// <summary>Rows of the subject's documents matching the question (see <see cref="WithinSubject"/>).</summary>
    public static FtsQuery? InSubject(string text, IReadOnlyList<string>? subject)
    {
        var about = About(subject);
        if (about.Count == 0) return null;
        var terms = TextAnalysis.Words(CustomerWording.ForLexicalSearch(text)).Where(t => TextAnalysis.Terms(t).Count > 0).Distinct().Take(64).ToList();
        return new FtsQuery([.. about.Select(t => new FtsPhrase(t, true)), .. terms.Select(t => new FtsPhrase(t, false))], terms.Count > 0);
    }

    public string ToFts()
    {
        var question = string.Join(" OR ", Phrases.Where(p => !p.TitleOrHeading).Select(p => $"\"{p.Word}\""));
        var about = Phrases.Any(p => p.TitleOrHeading) ? $"{{title heading}} : ({string.Join(" OR ", Phrases.Where(p => p.TitleOrHeading).Select(p => $"\"{p.Word}\""))})" : "";
        if (SubjectRequired) return $"({about}) AND ({question})";
        return string.Join(" OR ", new[] { question, about }.Where(p => p.Length > 0));
    }

    private static List<string> About(IReadOnlyList<string>? subject) =>
        subject?.SelectMany(TextAnalysis.Words).Where(w => TextAnalysis.Terms(w).Count > 0).Distinct().Take(16).ToList() ?? [];
}

/// <summary>One quoted word; <paramref name="TitleOrHeading"/> restricts it to those columns (a subject word).</summary>
public sealed record FtsPhrase(string Word, bool TitleOrHeading);
