using System.Numerics.Tensors;

namespace SupportAgent.Core.Retrieval.Embedded;

/// <summary>One document's chunk vectors as a row-major matrix; immutable, so searches never see a half-written document.</summary>
internal sealed record DocumentVectors(long[] RowIds, float[] Matrix, int Dimensions)
{
    public static DocumentVectors? From(IReadOnlyList<(long RowId, float[] Vector)> rows)
    {
        if (rows.Count == 0) return null;
        var dimensions = rows[0].Vector.Length;
        var matrix = new float[rows.Count * dimensions];
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Vector.Length != dimensions)
                throw new ArgumentException($"Chunk vectors of one document must have one size; got {dimensions} and {rows[i].Vector.Length}.");
            // Rows are stored unit-length so a search is one dot product per row (cosine without the division).
            var row = matrix.AsSpan(i * dimensions, dimensions);
            rows[i].Vector.CopyTo(row);
            var norm = TensorPrimitives.Norm(row);
            if (norm > 0) TensorPrimitives.Divide(row, norm, row);
        }
        return new DocumentVectors([.. rows.Select(r => r.RowId)], matrix, dimensions);
    }
}
