namespace SupportAgent.Core.Retrieval.Condensing;

/// <summary>A standalone query: the words to search for, and the entity the conversation is about (see <see cref="SearchQuery.Subject"/>).</summary>
public sealed record CondensedQuery(string Text, IReadOnlyList<string> Subject)
{
    /// <summary>Everything in one string: what a dense embedding sees and what is recorded as the searched query.</summary>
    public override string ToString() => Subject.Count == 0 ? Text : $"{Text} {string.Join(' ', Subject)}";
}
