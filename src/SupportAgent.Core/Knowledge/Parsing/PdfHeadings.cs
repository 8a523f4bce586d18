using System.Text.RegularExpressions;
using UglyToad.PdfPig.Content;

namespace SupportAgent.Core.Knowledge.Parsing;

/// <summary>
/// A PDF has no markup for headings; a reader knows them by their type. A line is a heading when every word of it is
/// set larger than the page's body text (the size most of its letters have), or bold where the body text is not, and
/// it is short and does not end a sentence (a bold warning in the text is not a heading). Without this a PDF was one
/// section per page, so "Split seams and broken zips." was read under "Page 3" instead of "What the warranty covers".
/// </summary>
public static partial class PdfHeadings
{
    /// <summary>How much larger than the body text a heading is set at least (body 11.5 pt → 12.1 pt or more).</summary>
    private const double MinRatio = 1.05;

    private const int MaxWords = 12;

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"[.!?;,][""'”’)\]]?$")]
    private static partial Regex EndsSentence();

    /// <summary>The page's heading lines, their words separated by single spaces (see <see cref="Key"/>).</summary>
    public static IReadOnlySet<string> Of(Page page)
    {
        var words = page.GetWords().Where(w => w.Letters.Count > 0 && !string.IsNullOrWhiteSpace(w.Text)).ToList();
        if (words.Count == 0) return new HashSet<string>();
        var letters = words.SelectMany(w => w.Letters).ToList();
        var bodySize = letters.GroupBy(l => Math.Round(l.PointSize, 1)).MaxBy(g => g.Count())!.Key;
        var bodyBold = IsBold(letters.GroupBy(l => l.FontName).MaxBy(g => g.Count())!.Key);
        return words.GroupBy(w => Math.Round(w.Letters[0].StartBaseLine.Y))
            .Where(line => line.Count() <= MaxWords
                && line.All(w => w.Letters.Average(l => l.PointSize) >= bodySize * MinRatio || (!bodyBold && w.Letters.All(l => IsBold(l.FontName)))))
            .Select(line => Key(string.Join(' ', line.OrderBy(w => w.BoundingBox.Left).Select(w => w.Text))))
            .Where(text => text.Length > 0 && !EndsSentence().IsMatch(text))
            .ToHashSet();
    }

    private static bool IsBold(string? font) =>
        font is not null && (font.Contains("Bold", StringComparison.OrdinalIgnoreCase) || font.Contains("Black", StringComparison.OrdinalIgnoreCase)
            || font.Contains("Heavy", StringComparison.OrdinalIgnoreCase));

    /// <summary>A line as compared with a heading: trimmed, runs of white space as one space.</summary>
    public static string Key(string line) => Spaces().Replace(line.Trim(), " ");
}
