namespace SupportAgent.Tools.Bench;

/// <summary>
/// Deterministic support-article-like text: pseudo-words drawn with a Zipf distribution (as real vocabularies are), so
/// BM25 posting lists and vector scans have realistic shapes. The same seed gives the same corpus on every run.
/// </summary>
internal sealed class SyntheticCorpus
{
    private static readonly string[] Syllables = ["ba", "ke", "lo", "mi", "nu", "ra", "so", "ti", "ve", "za", "dor", "fen", "gal", "hut", "jin", "pol", "quor", "sten", "trik", "wex"];
    private readonly string[] words;
    private readonly double[] cumulative;

    public SyntheticCorpus(int vocabulary = 20_000, int seed = 42)
    {
        var random = new Random(seed);
        words = [.. Enumerable.Range(0, vocabulary).Select(_ => string.Concat(Enumerable.Range(0, random.Next(2, 4)).Select(_ => Syllables[random.Next(Syllables.Length)])))];
        cumulative = new double[vocabulary];
        var sum = 0.0;
        for (var i = 0; i < vocabulary; i++) cumulative[i] = sum += 1.0 / (i + 1);
        for (var i = 0; i < vocabulary; i++) cumulative[i] /= sum;
    }

    public string Word(Random random)
    {
        var index = Array.BinarySearch(cumulative, random.NextDouble());
        return words[Math.Min(index < 0 ? ~index : index, words.Length - 1)];
    }

    public string Text(Random random, int words) => string.Join(' ', Enumerable.Range(0, words).Select(_ => Word(random)));

    /// <summary>
    /// A customer-like query: content words only. The most frequent pseudo-words play the part of function words
    /// ("the", "to"), which real queries lose to stop-word removal before they reach the index.
    /// </summary>
    public string Query(Random random, int words) =>
        string.Join(' ', Enumerable.Range(0, words).Select(_ => { string w; do { w = Word(random); } while (Array.IndexOf(this.words, w, 0, FunctionWords) >= 0); return w; }));

    private const int FunctionWords = 100;
}
