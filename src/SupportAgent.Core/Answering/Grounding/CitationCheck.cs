using System.Text.RegularExpressions;
using SupportAgent.Core.Retrieval;

namespace SupportAgent.Core.Answering.Grounding;

/// <summary>
/// Checks a generated sentence against the passages it cites: every <c>[n]</c> must be a supplied passage, most of
/// the sentence's content words must appear in a cited passage, and every number in the sentence must appear in one
/// (a wrong figure is the most harmful hallucination in support answers and word overlap alone would miss it).
/// A cited sentence with no content words at all (<c>." [1]</c>, <c>Yes [2].</c>) states nothing a passage could
/// support, so it is unsupported rather than trivially covered.
/// </summary>
public static partial class CitationCheck
{
    /// <summary>Share of the sentence's content terms that must occur in the cited passages.</summary>
    public const double MinimumOverlap = 0.5;

    [GeneratedRegex(@"\d+(?:[.,]\d+)?")]
    private static partial Regex Number();

    public static SentenceVerdict Verify(CitedSentence sentence, IReadOnlyList<Passage> passages)
    {
        if (sentence.Cites.Count == 0) return SentenceVerdict.Uncited;
        if (sentence.Cites.Any(n => n < 1 || n > passages.Count)) return SentenceVerdict.Invalid;
        // Only markers (" [1]" streamed after "…in the US."): the citation belongs to the sentence before; nothing to check here.
        if (string.IsNullOrWhiteSpace(sentence.WithoutMarkers)) return SentenceVerdict.Uncited;
        var cited = string.Join("\n", sentence.Cites.Distinct().Select(n => PassageText(passages[n - 1])));
        var claim = sentence.WithoutMarkers;
        var terms = TextAnalysis.Terms(claim);
        if (terms.Count == 0) return SentenceVerdict.Unsupported;
        var available = TextAnalysis.Terms(cited).ToHashSet();
        var overlap = (double)terms.Count(available.Contains) / terms.Count;
        var numbersInPassages = Number().Matches(cited).Select(m => m.Value).ToHashSet();
        var numbersOk = Number().Matches(claim).All(m => numbersInPassages.Contains(m.Value));
        return overlap >= MinimumOverlap && numbersOk ? SentenceVerdict.Supported : SentenceVerdict.Unsupported;
    }

    private static string PassageText(Passage p) => $"{p.Chunk.Title} {p.Chunk.Heading} {p.Chunk.Text}";
}

public enum SentenceVerdict { Uncited, Supported, Unsupported, Invalid }
