using System.Collections.Immutable;
using System.Numerics.Tensors;

namespace SupportAgent.Core.Retrieval.Embedded;

/// <summary>
/// A tenant's dense vectors in memory (int8, see <see cref="DocumentVectors"/>), one immutable matrix per document. Writers swap in a new snapshot; searches
/// read whichever snapshot is current, without locks. Exact search: at support-KB scale (up to ~100k chunks) a SIMD
/// scan is a few milliseconds and has perfect recall, which no approximate index can promise.
/// </summary>
internal sealed class TenantVectors(ImmutableDictionary<string, DocumentVectors> documents)
{
    private volatile ImmutableDictionary<string, DocumentVectors> documents = documents;

    public int Count => documents.Values.Sum(d => d.RowIds.Length);

    public void Replace(string documentId, DocumentVectors? vectors) =>
        documents = vectors is null ? documents.Remove(documentId) : documents.SetItem(documentId, vectors);

    /// <summary>The <paramref name="k"/> rows most similar to <paramref name="query"/>, best first (dot product = cosine on unit vectors).</summary>
    public IReadOnlyList<long> Search(float[] query, int k)
    {
        var norm = TensorPrimitives.Norm(query);
        if (norm == 0 || k <= 0) return [];
        var quantized = new sbyte[query.Length];
        var queryScale = DocumentVectors.Quantize(query, norm, quantized);
        var top = new PriorityQueue<long, float>(k + 1);
        foreach (var document in documents.Values)
        {
            // Vectors from another embedding model (a changed configuration) cannot be compared; they wait for re-ingestion.
            if (document.Dimensions != query.Length) continue;
            var matrix = document.Matrix.AsSpan();
            for (var row = 0; row < document.RowIds.Length; row++)
            {
                var score = Int8Dot.Dot(matrix.Slice(row * query.Length, query.Length), quantized) * document.Scales[row] * queryScale;
                if (top.Count < k) top.Enqueue(document.RowIds[row], score);
                else if (score > PeekScore(top)) top.EnqueueDequeue(document.RowIds[row], score);
            }
        }
        var result = new long[top.Count];
        for (var i = result.Length - 1; i >= 0; i--) result[i] = top.Dequeue();
        return result;
    }

    private static float PeekScore(PriorityQueue<long, float> queue) => queue.TryPeek(out _, out var score) ? score : float.MinValue;
}
