using System.Collections.Immutable;

namespace SupportAgent.Core.Retrieval.Embedded;

/// <summary>
/// A tenant's document vectors copied into one contiguous int8 matrix (rows of one size), so a search is a single
/// sequential scan with no per-document overhead: at 100k chunks that is what keeps dense search near the bare
/// dot-product floor. Built from one snapshot of the documents (<see cref="Source"/>); each document keeps its row range,
/// so a search over a newer snapshot can still use every range whose document has not changed since.
/// </summary>
internal sealed class PackedVectors
{
    public static readonly PackedVectors Empty = new(ImmutableDictionary<string, DocumentVectors>.Empty, 0);

    public ImmutableDictionary<string, DocumentVectors> Source { get; }
    public int Dimensions { get; }
    public sbyte[] Matrix { get; }
    public float[] Scales { get; }
    public long[] RowIds { get; }
    /// <summary>Each packed document, the vectors it was packed from, and its rows.</summary>
    public (string DocumentId, DocumentVectors Vectors, int Start, int Count)[] Ranges { get; }
    /// <summary>Which vectors each document was packed from: a newer snapshot's document differs by reference when changed.</summary>
    public Dictionary<string, DocumentVectors> Packed { get; }

    private PackedVectors(ImmutableDictionary<string, DocumentVectors> source, int dimensions)
    {
        Source = source;
        Dimensions = dimensions;
        var documents = source.Where(d => d.Value.Dimensions == dimensions).ToList();
        var rows = documents.Sum(d => d.Value.RowIds.Length);
        Matrix = new sbyte[(long)rows * dimensions];
        Scales = new float[rows];
        RowIds = new long[rows];
        Ranges = new (string, DocumentVectors, int, int)[documents.Count];
        Packed = new Dictionary<string, DocumentVectors>(documents.Count, StringComparer.Ordinal);
        var at = 0;
        for (var i = 0; i < documents.Count; i++)
        {
            var (id, vectors) = (documents[i].Key, documents[i].Value);
            vectors.Matrix.CopyTo(Matrix.AsSpan(at * dimensions));
            vectors.Scales.CopyTo(Scales.AsSpan(at));
            vectors.RowIds.CopyTo(RowIds.AsSpan(at));
            Ranges[i] = (id, vectors, at, vectors.RowIds.Length);
            Packed[id] = vectors;
            at += vectors.RowIds.Length;
        }
    }

    /// <summary>Packs the documents whose vectors have the size most rows have (another model's leftovers stay out).</summary>
    public static PackedVectors From(ImmutableDictionary<string, DocumentVectors> documents)
    {
        if (documents.IsEmpty) return new PackedVectors(documents, 0);
        var dimensions = documents.Values.GroupBy(d => d.Dimensions).MaxBy(g => g.Sum(d => d.RowIds.Length))!.Key;
        return new PackedVectors(documents, dimensions);
    }
}
