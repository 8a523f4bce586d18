namespace SupportAgent.Core.Retrieval.Embedded;

public static class FtsQuery
{
    /// <summary>
    /// Builds an FTS5 query from plain words only: each term is quoted, so operators, column filters or quotes in
    /// the customer's text can never change the query's meaning. Stop words are dropped unless nothing else is left.
    /// </summary>
    public static string? From(string text)
    {
        var terms = TextAnalysis.Words(text).Distinct().Take(64).ToList();
        var content = terms.Where(t => TextAnalysis.Terms(t).Count > 0).ToList();
        if (content.Count > 0) terms = content;
        return terms.Count == 0 ? null : string.Join(" OR ", terms.Select(t => $"\"{t}\""));
    }
}
