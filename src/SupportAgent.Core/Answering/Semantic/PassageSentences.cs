using System.Text.RegularExpressions;
using SupportAgent.Core.Knowledge.Chunking;
using SupportAgent.Core.Retrieval;

namespace SupportAgent.Core.Answering.Semantic;

/// <summary>A sentence of a passage, its position, and whether it can stand alone as (part of) an answer.</summary>
public sealed record PassageSentence(string Text, int Index, bool Quotable);

/// <summary>
/// Splits a passage into sentences and marks those that must never be sent on their own: headings, table rows and
/// separators, and list items that are fragments ("Canada: 5–8 business days." is a fact; "the card number" is not).
/// </summary>
public static partial class PassageSentences
{
    [GeneratedRegex(@"^\s*(#{1,6}\s|\|)|^\s*[-|:\s]+$")]
    private static partial Regex HeadingOrTable();

    [GeneratedRegex(@"^\s*([-*•]|\d+[.)])\s+")]
    private static partial Regex ListMarker();

    [GeneratedRegex(@"[.!?:][""')\]]?$")]
    private static partial Regex Terminated();

    public static List<PassageSentence> Split(string passage)
    {
        var sentences = TextSplitter.Paragraphs(passage).SelectMany(TextSplitter.Sentences).ToList();
        return [.. sentences.Select((s, i) => new PassageSentence(Clean(s), i, IsQuotable(s)))];
    }

    /// <summary>A whole statement: not a heading or table line, enough content words, and a list item only when it is a full sentence.</summary>
    internal static bool IsQuotable(string sentence)
    {
        if (HeadingOrTable().IsMatch(sentence)) return false;
        var terms = TextAnalysis.Terms(sentence).Count;
        if (terms < 3) return false;
        var words = TextAnalysis.Words(sentence).Count();
        // A list item is quotable when it reads as a sentence of its own (a verb-bearing clause ends it with punctuation
        // and is long enough); "PayPal, including PayPal Pay Later" is a fragment of the list's lead-in.
        if (ListMarker().IsMatch(sentence)) return words >= 6 && Terminated().IsMatch(sentence.TrimEnd());
        // A line without closing punctuation is a heading or label unless it is long enough to be a sentence.
        return Terminated().IsMatch(sentence.TrimEnd()) || words >= 8;
    }

    /// <summary>Markdown emphasis and list markers are layout, not words: quoting them verbatim looks broken in the widget.</summary>
    private static string Clean(string sentence) => ListMarker().Replace(sentence, "").Replace("**", "").Replace("`", "").Trim();
}
