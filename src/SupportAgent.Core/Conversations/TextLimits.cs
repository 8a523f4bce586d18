namespace SupportAgent.Core.Conversations;

/// <summary>How long shown excerpts may be, in one place: citation snippets and the queue's one-line summaries.</summary>
public static class TextLimits
{
    public const int SnippetLength = 300;
    public const int SummaryLength = 140;

    /// <summary>A passage shortened for a citation or an escalation's sources.</summary>
    public static string Snippet(string text) => Shorten(text, SnippetLength);

    /// <summary>A customer message shortened for the queue.</summary>
    public static string Summary(string text) => Shorten(text, SummaryLength);

    public static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 3)].TrimEnd() + "…";
}
