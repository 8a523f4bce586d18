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

    /// <summary>
    /// Words; a "word" longer than <paramref name="maxChars"/> (a pasted blob, a file of one long token) is cut into
    /// pieces of that many characters, so nothing downstream ever sees an unsplittable unit.
    /// </summary>
    public static IEnumerable<string> Words(string sentence, int maxChars = int.MaxValue)
    {
        foreach (var word in sentence.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.Length <= maxChars) { yield return word; continue; }
            for (var start = 0; start < word.Length;)
            {
                var length = Math.Min(maxChars, word.Length - start);
                // Never cut a surrogate pair in half.
                if (start + length < word.Length && char.IsHighSurrogate(word[start + length - 1])) length--;
                yield return word.Substring(start, length);
                start += length;
            }
        }
    }
}
