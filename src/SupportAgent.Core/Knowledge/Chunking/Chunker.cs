using SupportAgent.Core.Knowledge.Parsing;

namespace SupportAgent.Core.Knowledge.Chunking;

/// <summary>
/// Packs a document's sections into chunks of about <c>targetTokens</c>, never across a heading, with
/// <c>overlapTokens</c> of trailing context repeated so an answer that spans a chunk boundary is still found.
/// Linear in the text: an unbroken run is hard-split by characters before it is tokenized, and word windows grow
/// by each word's own count instead of re-counting the window.
/// </summary>
public sealed class Chunker(TokenCounter tokens)
{
    /// <summary>Characters of one piece of an over-long word: at most a few tokens each, far under any target.</summary>
    private const int MaxWordChars = 32;

    public IReadOnlyList<TextChunk> Chunk(ParsedDocument document, int targetTokens, int overlapTokens, ParseBudget? budget = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(targetTokens, 16);
        overlapTokens = Math.Clamp(overlapTokens, 0, targetTokens / 2);
        var chunks = new List<TextChunk>();
        foreach (var section in document.Sections)
            chunks.AddRange(ChunkSection(section, targetTokens, overlapTokens, budget));
        return chunks;
    }

    private IEnumerable<TextChunk> ChunkSection(Section section, int target, int overlap, ParseBudget? budget)
    {
        var units = Units(section.Text, target).Select(u => { budget?.Check(); return (Text: u, Tokens: tokens.Count(u)); }).ToList();
        var current = new List<(string Text, int Tokens)>();
        var size = 0;
        var fresh = 0; // units in `current` not already emitted in an earlier chunk

        foreach (var unit in units)
        {
            if (size + unit.Tokens > target && fresh > 0)
            {
                yield return Emit(current);
                current = Tail(current, overlap);
                size = current.Sum(u => u.Tokens);
                fresh = 0;
            }
            current.Add(unit);
            size += unit.Tokens;
            fresh++;
        }
        if (fresh > 0) yield return Emit(current);

        TextChunk Emit(List<(string Text, int Tokens)> parts)
        {
            var text = string.Join("\n\n", parts.Select(p => p.Text));
            return new TextChunk(section.Heading, text, tokens.Count(text));
        }
    }

    private static List<(string Text, int Tokens)> Tail(List<(string Text, int Tokens)> parts, int overlap)
    {
        var tail = new List<(string Text, int Tokens)>();
        var size = 0;
        for (var i = parts.Count - 1; i >= 0 && size + parts[i].Tokens <= overlap; i--)
        {
            tail.Insert(0, parts[i]);
            size += parts[i].Tokens;
        }
        return tail;
    }

    private IEnumerable<string> Units(string text, int target)
    {
        foreach (var paragraph in TextSplitter.Paragraphs(text))
        {
            if (tokens.Count(paragraph) <= target) { yield return paragraph; continue; }
            foreach (var sentence in TextSplitter.Sentences(paragraph))
            {
                if (tokens.Count(sentence) <= target) { yield return sentence; continue; }
                foreach (var piece in WordWindows(sentence, target)) yield return piece;
            }
        }
    }

    private IEnumerable<string> WordWindows(string sentence, int target)
    {
        var window = new List<string>();
        var size = 0;
        foreach (var word in TextSplitter.Words(sentence, MaxWordChars))
        {
            // A word's count with its leading space: the window's count is the sum, give or take a merge at a seam.
            var cost = tokens.Count(" " + word);
            if (size + cost > target && window.Count > 0)
            {
                yield return string.Join(' ', window);
                (window, size) = ([], 0);
            }
            window.Add(word);
            size += cost;
        }
        if (window.Count > 0) yield return string.Join(' ', window);
    }
}
