using System.Text.RegularExpressions;

namespace SupportAgent.Core.Answering.Grounding;

/// <summary>A sentence of a generated answer and the passage numbers it cites (<c>[2]</c>, <c>[1, 3]</c>, <c>[1][3]</c>).</summary>
public sealed partial record CitedSentence(string Text, IReadOnlyList<int> Cites)
{
    [GeneratedRegex(@"\[(\d+(?:\s*,\s*\d+)*)\]")]
    internal static partial Regex Marker();

    /// <summary>A sentence ends at . ! or ? (plus any citation markers right after it) followed by whitespace.</summary>
    [GeneratedRegex(@"[.!?。！？]+[""')\]]*(?:\s*\[\d+(?:\s*,\s*\d+)*\])*(?=\s)")]
    internal static partial Regex End();

    public string WithoutMarkers => Marker().Replace(Text, " ");

    public static CitedSentence Parse(string text) =>
        new(text, [.. Marker().Matches(text).SelectMany(m => m.Groups[1].Value.Split(',').Select(n => int.Parse(n.Trim())))]);

    /// <summary>Splits finished text into sentences; the whitespace between them stays with the following sentence.</summary>
    public static List<string> Split(string text)
    {
        var parts = new List<string>();
        var start = 0;
        foreach (Match m in End().Matches(text))
        {
            var end = m.Index + m.Length;
            if (end > start) parts.Add(text[start..end]);
            start = end;
        }
        if (start < text.Length && !string.IsNullOrWhiteSpace(text[start..])) parts.Add(text[start..]);
        return parts;
    }
}
