using System.Collections.Concurrent;
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
    /// <remarks>
    /// Memoised for texts up to <see cref="MaxMemoisedTermsLength"/> characters: a turn asks for the terms of the same
    /// passages and sentences again and again (confidence, answer selection, quotability), and the lists are immutable.
    /// The memo is dropped whole when it reaches <see cref="MaxMemoisedTerms"/> entries, which bounds its memory.
    /// </remarks>
    public static IReadOnlyList<string> Terms(string text)
    {
        if (text.Length > MaxMemoisedTermsLength) return ComputeTerms(text);
        if (TermsOf.TryGetValue(text, out var terms)) return terms;
        terms = ComputeTerms(text);
        if (Interlocked.Increment(ref termsCount) > MaxMemoisedTerms)
        {
            TermsOf.Clear();
            Interlocked.Exchange(ref termsCount, 0);
        }
        TermsOf.TryAdd(text, terms);
        return terms;
    }

    private static IReadOnlyList<string> ComputeTerms(string text) =>
        [.. Words(text).Where(w => !StopWords.Contains(w)).Select(Stem).Where(w => w.Length > 1).Distinct()];

    private const int MaxMemoisedTermsLength = 4096;
    private const int MaxMemoisedTerms = 10_000;
    private static readonly ConcurrentDictionary<string, IReadOnlyList<string>> TermsOf = new(StringComparer.Ordinal);
    private static int termsCount;

    /// <summary>
    /// Stems are memoised: every turn stems the question and each retrieved passage (confidence, answer selection,
    /// quotability), and the stemmer allocates per word, which was the largest CPU cost of a turn. A store's vocabulary
    /// is small and repeats; past <see cref="MaxMemoisedStems"/> distinct words new ones are stemmed without being kept.
    /// </summary>
    public static string Stem(string word)
    {
        if (Stems.TryGetValue(word, out var stem)) return stem;
        stem = PorterStemmer.Stem(word);
        if (Interlocked.Increment(ref stemsCount) <= MaxMemoisedStems) Stems.TryAdd(word, stem);
        return stem;
    }

    private const int MaxMemoisedStems = 200_000;
    private static readonly ConcurrentDictionary<string, string> Stems = new(StringComparer.Ordinal);
    private static int stemsCount;
}
