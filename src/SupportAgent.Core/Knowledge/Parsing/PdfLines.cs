using System.Text.RegularExpressions;

namespace SupportAgent.Core.Knowledge.Parsing;

/// <summary>
/// Turns a PDF page's visual lines back into the text's own lines. A PDF stores where each line was printed, not where
/// a sentence goes on, so text extraction ends a line wherever the page's width did ("covered for 2" / "years from the
/// delivery date"). Downstream every line is a sentence of its own, so a wrapped sentence was indexed, embedded and
/// quoted as two fragments; a line is therefore joined to the next when it plainly goes on there. Running headers and
/// footers ("Northwind Outfitters – Page 1 of 3") are layout, not content, and are dropped.
/// </summary>
public static partial class PdfLines
{
    /// <summary>A list marker on a line of its own ("1.", "•"): its item is the next line.</summary>
    [GeneratedRegex(@"^([-*•▪◦]|\d{1,2}[.)])$")]
    private static partial Regex BareListMarker();

    [GeneratedRegex(@"^([-*•▪◦]|\d{1,2}[.)])\s")]
    private static partial Regex StartsListItem();

    /// <summary>A line that ends a sentence or introduces what follows.</summary>
    [GeneratedRegex(@"[.!?:;][""'”’)\]]?$")]
    private static partial Regex Terminated();

    /// <summary>Words a sentence cannot end on: a line ending on one goes on in the next, whatever its capital.</summary>
    [GeneratedRegex(@"[,\-–—/(&]$|\b(a|an|the|of|to|for|and|or|nor|but|with|without|in|on|at|by|from|into|onto|as|your|our|their|its|is|are|was|were|be|than|per|via|if|that|which)$", RegexOptions.IgnoreCase)]
    private static partial Regex OpenEnded();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    /// <summary>The page's lines with every wrapped line joined to the one it continues.</summary>
    public static string Unwrap(string pageText)
    {
        var lines = new List<string>();
        foreach (var raw in pageText.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length > 0 && lines.Count > 0 && lines[^1].Length > 0 && GoesOn(lines[^1], line))
                lines[^1] = lines[^1].EndsWith('-') && char.IsLower(line[0]) ? lines[^1] + line : $"{lines[^1]} {line}";
            else
                lines.Add(line);
        }
        return string.Join('\n', lines).Trim();
    }

    /// <summary>
    /// Drops running headers and footers: a first or last line that, its numbers aside, is the first or last line of
    /// most pages. One-page documents keep everything (nothing repeats to tell layout from content).
    /// </summary>
    public static IReadOnlyList<string> WithoutRunningLines(IReadOnlyList<string> pages)
    {
        if (pages.Count < 2) return pages;
        var split = pages.Select(p => p.Split('\n').ToList()).ToList();
        var firsts = Repeated(split.Select(lines => lines.FirstOrDefault()));
        var lasts = Repeated(split.Select(lines => lines.LastOrDefault()));
        foreach (var lines in split)
        {
            if (lines.Count > 1 && lasts.Contains(Shape(lines[^1]))) lines.RemoveAt(lines.Count - 1);
            if (lines.Count > 1 && firsts.Contains(Shape(lines[0]))) lines.RemoveAt(0);
        }
        return [.. split.Select(lines => string.Join('\n', lines).Trim())];

        HashSet<string> Repeated(IEnumerable<string?> edges) =>
            [.. edges.Where(e => !string.IsNullOrWhiteSpace(e)).GroupBy(e => Shape(e!)).Where(g => g.Count() * 2 > pages.Count && g.Count() >= 2).Select(g => g.Key)];
    }

    /// <summary>
    /// The page's lines cut at its headings: the lines before the first heading (with no heading), then each heading
    /// with the lines under it. A heading is never joined to the text around it.
    /// </summary>
    public static IEnumerable<(string? Heading, List<string> Lines)> UnderHeadings(string pageText, IReadOnlySet<string> headings)
    {
        (string? Heading, List<string> Lines) block = (null, []);
        foreach (var line in pageText.Split('\n'))
        {
            var key = PdfHeadings.Key(line);
            if (!headings.Contains(key)) { block.Lines.Add(line); continue; }
            if (block.Heading is not null || block.Lines.Count > 0) yield return block;
            block = (key, []);
        }
        if (block.Heading is not null || block.Lines.Count > 0) yield return block;
    }

    private static bool GoesOn(string line, string next)
    {
        if (BareListMarker().IsMatch(line)) return true;
        if (StartsListItem().IsMatch(next) || Terminated().IsMatch(line)) return false;
        return char.IsLower(next[0]) || OpenEnded().IsMatch(line);
    }

    private static string Shape(string line) => Digits().Replace(line.Trim(), "#");
}
