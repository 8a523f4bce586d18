using System.Text.RegularExpressions;

namespace SupportAgent.Core.Retrieval;

/// <summary>Shared word handling for lexical queries and confidence: the same terms on both sides of a comparison.</summary>
public static partial class TextAnalysis
{
    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "been", "before", "but", "by",
        "can", "could", "did", "do", "does", "doing", "for", "from", "get", "got", "had", "has", "have", "hello", "hey", "hi",
        "how", "i", "if", "in", "into", "is", "it", "its", "just", "me", "my", "of", "on", "or", "our", "please", "should",
        "so", "than", "thanks", "thank", "that", "the", "their", "them", "then", "there", "these", "they", "this", "to", "too",
        "us", "was", "we", "were", "what", "when", "where", "which", "who", "why", "will", "with", "would", "you", "your", "yours",
        "im", "ive", "dont", "cant", "want", "need", "know", "tell", "much", "many", "long", "take", "way",
    };

    public static IEnumerable<string> Words(string text) =>
        Word().Matches(text.ToLowerInvariant()).Select(m => m.Value);

    /// <summary>Content terms: lower-cased, stop words removed, lightly stemmed (plural and -ing/-ed endings).</summary>
    public static IReadOnlyList<string> Terms(string text) =>
        [.. Words(text).Where(w => !StopWords.Contains(w)).Select(Stem).Where(w => w.Length > 1).Distinct()];

    public static string Stem(string word)
    {
        if (word.Length > 5 && word.EndsWith("ing")) return word[..^3];
        if (word.Length > 4 && word.EndsWith("ies")) return word[..^3] + "y";
        if (word.Length > 4 && word.EndsWith("ed")) return word[..^2];
        if (word.Length > 4 && word.EndsWith("es") && !word.EndsWith("ses")) return word[..^1];
        if (word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss")) return word[..^1];
        return word;
    }
}
