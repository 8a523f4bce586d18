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

    /// <summary>Content terms: lower-cased, stop words removed, Porter-stemmed like the index.</summary>
    public static IReadOnlyList<string> Terms(string text) =>
        [.. Words(text).Where(w => !StopWords.Contains(w)).Select(Stem).Where(w => w.Length > 1).Distinct()];

    public static string Stem(string word) => PorterStemmer.Stem(word);
}
