using System.Numerics.Tensors;

namespace SupportAgent.Core.Retrieval.Embedded;

/// <summary>
/// One document's chunk vectors as a row-major int8 matrix with one scale per row; immutable, so searches never see a
/// half-written document. Rows are unit vectors quantised symmetrically (value ≈ scale × int8): a quarter of float32's
/// memory and memory traffic, which is what bounds an exact scan at 100k chunks, for a ranking error far below what
/// matters to fusion (only the top 50 per side are kept, by rank).
/// </summary>
internal sealed record DocumentVectors(long[] RowIds, sbyte[] Matrix, float[] Scales, int Dimensions)
{
    public static DocumentVectors? From(IReadOnlyList<(long RowId, float[] Vector)> rows)
    {
        if (rows.Count == 0) return null;
        var dimensions = rows[0].Vector.Length;
        var matrix = new sbyte[rows.Count * dimensions];
        var scales = new float[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Vector.Length != dimensions)
                throw new ArgumentException($"Chunk vectors of one document must have one size; got {dimensions} and {rows[i].Vector.Length}.");
            var norm = TensorPrimitives.Norm(rows[i].Vector);
            scales[i] = Quantize(rows[i].Vector, norm, matrix.AsSpan(i * dimensions, dimensions));
        }
        return new DocumentVectors([.. rows.Select(r => r.RowId)], matrix, scales, dimensions);
    }

    /// <summary>Writes <paramref name="vector"/>/<paramref name="norm"/> as int8 into <paramref name="destination"/>; returns the scale.</summary>
    public static float Quantize(ReadOnlySpan<float> vector, float norm, Span<sbyte> destination)
    {
        var max = MathF.Abs(TensorPrimitives.MaxMagnitude(vector)); // MaxMagnitude keeps the sign of the element it finds
        if (norm <= 0 || max <= 0) { destination.Clear(); return 0; }
        var factor = 127f / max;
        for (var d = 0; d < vector.Length; d++) destination[d] = (sbyte)MathF.Round(vector[d] * factor);
        return max / 127f / norm;
    }
}
