using Microsoft.ML.Tokenizers;

namespace SupportAgent.Core.Knowledge.Chunking;

/// <summary>Counts tokens with cl100k (the GPT-4 family's encoding) so chunk sizes match what an LLM prompt will cost.</summary>
public sealed class TokenCounter
{
    /// <summary>
    /// Longest run of word characters (or of whitespace) handed to the tokenizer at once. Byte-pair encoding costs
    /// grow with the square of one unbroken run (a 500 KB "word" took minutes); no real word is this long, and counting
    /// a longer run in slices of this size over-counts by at most a token per slice.
    /// </summary>
    public const int MaxRunChars = 32;

    private readonly Tokenizer tokenizer = TiktokenTokenizer.CreateForEncoding("cl100k_base");

    public int Count(string text)
    {
        var start = 0;
        var run = 0;
        var count = 0;
        var white = false;
        for (var i = 0; i < text.Length; i++)
        {
            var isWhite = char.IsWhiteSpace(text[i]);
            run = isWhite == white ? run + 1 : 1;
            white = isWhite;
            if (run < MaxRunChars) continue;
            // Cut before this character, never inside a surrogate pair.
            var cut = char.IsLowSurrogate(text[i]) ? i - 1 : i;
            if (cut <= start) continue;
            count += tokenizer.CountTokens(text.AsSpan(start, cut - start));
            (start, run) = (cut, i - cut + 1);
        }
        return count + (start == 0 ? tokenizer.CountTokens(text) : tokenizer.CountTokens(text.AsSpan(start)));
    }
}
