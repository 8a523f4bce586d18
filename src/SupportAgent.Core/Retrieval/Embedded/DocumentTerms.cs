using System.Runtime.InteropServices;

namespace SupportAgent.Core.Retrieval.Embedded;

/// <summary>
/// One document's chunks as FTS5 sees them: per row its token count over all columns and, per distinct token, how
/// often it occurs in the title, the heading and the text. Immutable, like <see cref="DocumentVectors"/>: a write swaps
/// in a new instance, so a search never sees half a document. Token strings are shared (see <see cref="FtsTokenizer"/>).
/// </summary>
internal sealed class DocumentTerms
{
    public required long[] RowIds { get; init; }
    /// <summary>Tokens in the row over all columns (FTS5's <c>xColumnSize(-1)</c>, BM25's document length).</summary>
    public required int[] Lengths { get; init; }
    /// <summary>Row r's tokens are <c>Terms[Starts[r]..Starts[r + 1]]</c>.</summary>
    public required int[] Starts { get; init; }
    public required string[] Terms { get; init; }
    public required ColumnCounts[] Counts { get; init; }

    public int Rows => RowIds.Length;

    /// <param name="prepared">The caller already resolved the rows' words (<see cref="FtsTokenizer.Prepare"/>), e.g. a tenant's load.</param>
    public static DocumentTerms? From(IReadOnlyList<(long RowId, string Title, string? Heading, string Text)> rows, bool prepared = false)
    {
        if (rows.Count == 0) return null;
        if (!prepared) FtsTokenizer.Prepare(rows.SelectMany(r => new[] { r.Title, r.Heading ?? "", r.Text })); // one round trip for new words
        var lengths = new int[rows.Count];
        var starts = new int[rows.Count + 1];
        var terms = new List<string>(rows.Count * 48);
        var counts = new List<ColumnCounts>(rows.Count * 48);
        var row = new Dictionary<string, ColumnCounts>(StringComparer.Ordinal);
        var tokens = new List<string>(256);
        for (var r = 0; r < rows.Count; r++)
        {
            row.Clear();
            var length = 0;
            for (var column = 0; column < 3; column++)
            {
                tokens.Clear();
                FtsTokenizer.Tokenize(column switch { 0 => rows[r].Title, 1 => rows[r].Heading ?? "", _ => rows[r].Text }, tokens);
                length += tokens.Count;
                foreach (var t in tokens)
                {
                    ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(row, t, out _);
                    count = count.Add(column);
                }
            }
            lengths[r] = length;
            starts[r] = terms.Count;
            foreach (var (term, count) in row) { terms.Add(term); counts.Add(count); }
        }
        starts[rows.Count] = terms.Count;
        return new DocumentTerms { RowIds = [.. rows.Select(r => r.RowId)], Lengths = lengths, Starts = starts, Terms = [.. terms], Counts = [.. counts] };
    }

    /// <summary>The row's counts for <paramref name="term"/>, or default when the row lacks it.</summary>
    public ColumnCounts Find(int row, string term)
    {
        for (var i = Starts[row]; i < Starts[row + 1]; i++)
            if (string.Equals(Terms[i], term, StringComparison.Ordinal)) return Counts[i];
        return default;
    }
}

/// <summary>Occurrences of one token in one row, per column (saturating: no real chunk comes near 65,535).</summary>
internal readonly record struct ColumnCounts(ushort Title, ushort Heading, ushort Text)
{
    public ColumnCounts Add(int column) => column switch
    {
        0 => this with { Title = Saturate(Title) },
        1 => this with { Heading = Saturate(Heading) },
        _ => this with { Text = Saturate(Text) },
    };

    /// <summary>FTS5's weighted frequency for <c>bm25(t, 3.0, 2.0, 1.0)</c>; title and heading only for a subject phrase.</summary>
    public double Frequency(bool titleOrHeadingOnly) => titleOrHeadingOnly ? 3.0 * Title + 2.0 * Heading : 3.0 * Title + 2.0 * Heading + 1.0 * Text;

    private static ushort Saturate(ushort value) => value == ushort.MaxValue ? value : (ushort)(value + 1);
}
