using System.Collections.Immutable;

namespace SupportAgent.Core.Retrieval.Embedded;

/// <summary>
/// An inverted index over one snapshot of a tenant's <see cref="DocumentTerms"/> (<see cref="Source"/>): per token the
/// rows holding it with their column counts, in contiguous arrays, plus the totals BM25 needs. Built in one pass
/// after a load or in the background after writes; each document keeps its row range, so a search over a newer
/// snapshot can skip the rows of documents changed since (see <see cref="TenantLexicon"/>).
/// </summary>
internal sealed class LexicalSegment
{
    public ImmutableDictionary<string, DocumentTerms> Source { get; }
    public long[] RowIds { get; }
    public int[] Lengths { get; }
    /// <summary>Which document (index into <see cref="Documents"/>) each row belongs to.</summary>
    public int[] RowDocument { get; }
    public (string Id, DocumentTerms Terms)[] Documents { get; }
    /// <summary>Which terms each document was built from: a newer snapshot's document differs by reference when changed.</summary>
    public Dictionary<string, DocumentTerms> Packed { get; }
    public long TotalTokens { get; }

    private readonly Dictionary<string, int> termIndex;
    private readonly int[] offsets;
    private readonly int[] postings;
    private readonly ColumnCounts[] counts;
    private readonly int[] titleOrHeadingRows;

    public LexicalSegment(ImmutableDictionary<string, DocumentTerms> source)
    {
        Source = source;
        Documents = [.. source.Select(d => (d.Key, d.Value))];
        Packed = new Dictionary<string, DocumentTerms>(Documents.Length, StringComparer.Ordinal);
        var rows = Documents.Sum(d => d.Terms.Rows);
        RowIds = new long[rows];
        Lengths = new int[rows];
        RowDocument = new int[rows];
        termIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var frequency = new List<int>();
        var at = 0;
        long tokens = 0;
        for (var d = 0; d < Documents.Length; d++)
        {
            var terms = Documents[d].Terms;
            Packed[Documents[d].Id] = terms;
            terms.RowIds.CopyTo(RowIds, at);
            terms.Lengths.CopyTo(Lengths, at);
            RowDocument.AsSpan(at, terms.Rows).Fill(d);
            at += terms.Rows;
            foreach (var term in terms.Terms)
            {
                if (!termIndex.TryGetValue(term, out var id)) { termIndex[term] = id = frequency.Count; frequency.Add(0); }
                frequency[id]++;
            }
            foreach (var length in terms.Lengths) tokens += length;
        }
        TotalTokens = tokens;
        offsets = new int[frequency.Count + 1];
        for (var t = 0; t < frequency.Count; t++) offsets[t + 1] = offsets[t] + frequency[t];
        postings = new int[offsets[^1]];
        counts = new ColumnCounts[offsets[^1]];
        titleOrHeadingRows = new int[frequency.Count];
        var fill = offsets[..^1];
        at = 0;
        foreach (var (_, terms) in Documents)
        {
            for (var r = 0; r < terms.Rows; r++, at++)
                for (var i = terms.Starts[r]; i < terms.Starts[r + 1]; i++)
                {
                    var id = termIndex[terms.Terms[i]];
                    postings[fill[id]] = at;
                    counts[fill[id]++] = terms.Counts[i];
                    if (terms.Counts[i].Title + terms.Counts[i].Heading > 0) titleOrHeadingRows[id]++;
                }
        }
    }

    public int Rows => RowIds.Length;

    /// <summary>The rows holding <paramref name="term"/> (ascending) and their counts; empty when no row does.</summary>
    public (ReadOnlyMemory<int> Rows, ReadOnlyMemory<ColumnCounts> Counts) Postings(string term) =>
        termIndex.TryGetValue(term, out var id)
            ? (postings.AsMemory(offsets[id], offsets[id + 1] - offsets[id]), counts.AsMemory(offsets[id], offsets[id + 1] - offsets[id]))
            : (ReadOnlyMemory<int>.Empty, ReadOnlyMemory<ColumnCounts>.Empty);

    /// <summary>Rows holding the term anywhere, or only in the title or heading.</summary>
    public int Hits(string term, bool titleOrHeadingOnly) =>
        !termIndex.TryGetValue(term, out var id) ? 0 : titleOrHeadingOnly ? titleOrHeadingRows[id] : offsets[id + 1] - offsets[id];
}
