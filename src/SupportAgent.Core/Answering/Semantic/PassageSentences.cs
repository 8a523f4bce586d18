using System.Text.RegularExpressions;
using SupportAgent.Core.Knowledge.Chunking;
using SupportAgent.Core.Retrieval;

namespace SupportAgent.Core.Answering.Semantic;

/// <summary>A sentence of a passage, its position, and whether it can stand alone as (part of) an answer.</summary>
public sealed record PassageSentence(string Text, int Index, bool Quotable);

/// <summary>
/// Splits a passage into sentences and marks those that must never be sent on their own: headings, table rows and
/// separators, and list items that are fragments ("Canada: 5–8 business days." is a fact; "the card number" is not).
/// A sentence that introduces a list ("The following can't be returned or exchanged:") says nothing on its own, so it
/// is read together with its items, as one statement; when the list is too long to quote whole, it is not quotable
/// (a list quoted in part would tell the customer that what was left out does not exist).
/// </summary>
public static partial class PassageSentences
{
    /// <summary>The most items, and words, a list may have to be quoted whole with its lead-in.</summary>
    internal const int MaxListItems = 8, MaxListWords = 120;

    [GeneratedRegex(@"^\s*(#{1,6}\s|\|)|^\s*[-|:\s]+$")]
    private static partial Regex HeadingOrTable();

    [GeneratedRegex(@"^\s*([-*•]|\d+[.)])\s+")]
    private static partial Regex ListMarker();

    [GeneratedRegex(@"[.!?:][""')\]]?$")]
    private static partial Regex Terminated();

    /// <summary>
    /// A sentence about the document rather than its subject ("This guide covers washing, re-proofing and our warranty.").
    /// Matched on the line as written, past a list marker or emphasis, so the sentence is not cleaned a second time.
    /// </summary>
    [GeneratedRegex(@"^\s*(?:(?:[-*•]|\d+[.)])\s+)?(?:\*\*)?(this|the following) (page|guide|article|section|document|help page|faq)s? (covers|explains|describes|lists|sets out|tells you|shows|is about|will help)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AboutTheDocument();

    [GeneratedRegex(@"[\s,;.]*(\b(and|or)\b)?[\s,;.]*$")]
    private static partial Regex ItemEnd();

    /// <param name="listsWhole">
    /// Lead-ins read with their items (what is quoted). Without it, every line stands alone as written, as the answer
    /// confidence was calibrated (docs/evaluation.md): its similarities are to single sentences.
    /// </param>
    public static List<PassageSentence> Split(string passage, bool listsWhole = true)
    {
        var sentences = TextSplitter.Paragraphs(passage).SelectMany(TextSplitter.Sentences).ToList();
        if (!listsWhole) return [.. sentences.Select((s, i) => new PassageSentence(Clean(s), i, IsQuotable(s)))];
        var split = new List<PassageSentence>(sentences.Count);
        string? longListLeadIn = null; // items of a list too long to quote whole are each read after its lead-in
        var itemsLeft = 0;
        for (var i = 0; i < sentences.Count; i++)
        {
            var (s, text) = (sentences[i], Clean(sentences[i]));
            if (itemsLeft > 0)
            {
                itemsLeft--;
                var item = ItemText(s);
                split.Add(new PassageSentence($"{longListLeadIn} {item}.", i, TextAnalysis.Terms(item).Count >= 2));
                continue;
            }
            if (!IntroducesList(s)) { split.Add(new PassageSentence(text, i, IsQuotable(s))); continue; }
            var items = ListAfter(sentences, i);
            if (items.Count > 0 && items.Count <= MaxListItems && items.Sum(WordCount) <= MaxListWords)
            {
                split.Add(new PassageSentence($"{text} {string.Join("; ", items.Select(ItemText))}.", i, IsQuotable(s)));
                continue;
            }
            // Alone a lead-in says nothing; a long list is quoted item by item, each after the lead-in.
            split.Add(new PassageSentence(text, i, false));
            (longListLeadIn, itemsLeft) = (text, items.Count);
        }
        return split;
    }

    /// <summary>A sentence ending in a colon: what it says follows it.</summary>
    private static bool IntroducesList(string sentence) => !HeadingOrTable().IsMatch(sentence) && sentence.TrimEnd().EndsWith(':');

    /// <summary>
    /// The items after a lead-in: the lines with list markers that follow it. A lead-in followed by a single statement
    /// and nothing else in its section (an address) takes that statement. Otherwise nothing: lines without markers
    /// (an HTML list reaches the index as plain lines) cannot be told apart from the paragraph after a list, and a list
    /// taken in part would be worse than none.
    /// </summary>
    private static List<string> ListAfter(List<string> sentences, int leadIn)
    {
        var rest = sentences.Skip(leadIn + 1).TakeWhile(s => !HeadingOrTable().IsMatch(s) && !IntroducesList(s)).ToList();
        if (rest.Count == 0) return [];
        if (ListMarker().IsMatch(rest[0])) return [.. rest.TakeWhile(s => ListMarker().IsMatch(s))];
        return rest.Count == 1 ? [rest[0]] : [];
    }

    /// <summary>An item as it reads after its lead-in ("Lead-in: first; second."): its own closing comma, "and" or full stop dropped.</summary>
    private static string ItemText(string item) => ItemEnd().Replace(Clean(item), "");

    private static int WordCount(string sentence) => TextAnalysis.Words(sentence).Count();

    /// <summary>A whole statement: not a heading, table line or summary of the document, enough content words, and a list item only when it is a full sentence.</summary>
    internal static bool IsQuotable(string sentence)
    {
        // A heading, a table line or a table of contents in prose says where an answer is, not what it is.
        if (HeadingOrTable().IsMatch(sentence) || AboutTheDocument().IsMatch(sentence)) return false;
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
