using System.Text;

namespace SupportAgent.Core.Retrieval.Qdrant;

/// <summary>A sparse vector as Qdrant takes it: unique uint32 term ids with their weights.</summary>
public sealed record SparseTerms(uint[] Indices, float[] Values)
{
    public bool IsEmpty => Indices.Length == 0;
}

/// <summary>
/// Lexical text as a sparse vector: Porter-stemmed content terms (the same analysis as the embedded index and the
/// confidence score) with their term frequencies. Qdrant's <c>idf</c> modifier supplies the inverse document
/// frequency from the collection, so together they score like TF-IDF without the client keeping statistics.
/// </summary>
public static class SparseVectors
{
    public static SparseTerms FromText(string text)
    {
        var counts = new SortedDictionary<uint, float>();
        foreach (var word in TextAnalysis.Words(text))
        {
            // Terms() of one word is its stem, or nothing for a stop word: the same filter as everywhere else.
            foreach (var term in TextAnalysis.Terms(word))
            {
                var id = TermId(term);
                counts[id] = counts.GetValueOrDefault(id) + 1;
            }
        }
        return new SparseTerms([.. counts.Keys], [.. counts.Values]);
    }

    /// <summary>
    /// FNV-1a over the UTF-8 stem: stable across processes, machines and releases (string.GetHashCode is not),
    /// which matters because the ids are stored in Qdrant and must match the ids of future queries.
    /// </summary>
    public static uint TermId(string term)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(term))
        {
            hash ^= b;
            hash *= 16777619u;
        }
        return hash;
    }
}
