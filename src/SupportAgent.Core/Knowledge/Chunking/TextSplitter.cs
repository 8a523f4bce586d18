using System.Text.RegularExpressions;

namespace SupportAgent.Core.Knowledge.Chunking;

/// <summary>Breaks text into ever smaller natural units: paragraphs, then sentences, then words, never mid-word.</summary>
internal static partial class TextSplitter
{
    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex ParagraphBreak();

    // A sentence ends at . ! ? (optionally followed by a closing quote or bracket) and whitespace.
    [GeneratedRegex(@"(?<=[.!?][""')\]]?)\s+(?=[\p{Lu}\p{N}""'(\[])")]
    private static partial Regex SentenceBreak();

    public static IEnumerable<string> Paragraphs(string text) =>
        ParagraphBreak().Split(text).Select(p => p.Trim()).Where(p => p.Length > 0);

    /// <summary>Sentences, treating each line of a list or table as its own sentence.</summary>
    public static IEnumerable<string> Sentences(string paragraph) =>
        paragraph.Split('\n').SelectMany(line => SentenceBreak().Split(line)).Select(s => s.Trim()).Where(s => s.Length > 0);

    public static IEnumerable<string> Words(string sentence) =>
        sentence.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
}
