using System.Collections.Immutable;
using System.Numerics.Tensors;

namespace SupportAgent.Core.Retrieval.Embedded;

/// <summary>
/// A tenant's dense vectors in memory (int8, see <see cref="DocumentVectors"/>): the current immutable snapshot of
/// per-document matrices, plus a contiguous packed copy (<see cref="PackedVectors"/>) that searches scan. Writers swap in a
/// new snapshot; searches read whichever is current, without locks. When the packed copy is behind the snapshot, a
/// search scans the packed rows of unchanged documents and the changed documents' own matrices, and one background
/// repack brings the copy up to date. Exact search: at support-KB scale (up to ~100k chunks) a SIMD scan takes about
/// a millisecond and has perfect recall, which no approximate index can promise.
/// </summary>
internal sealed class TenantVectors
{
    private Snapshot state;
    private int repacking;

    public TenantVectors(ImmutableDictionary<string, DocumentVectors> documents) =>
        state = new Snapshot(documents, PackedVectors.From(documents));

    public int Count => Volatile.Read(ref state).Documents.Values.Sum(d => d.RowIds.Length);

    /// <summary>True while the packed copy lags the latest writes (for tests and diagnostics).</summary>
    public bool PackPending => Volatile.Read(ref state) is var s && !ReferenceEquals(s.Packed.Source, s.Documents);

    public void Replace(string documentId, DocumentVectors? vectors)
    {
        Snapshot current, next;
        do
        {
            current = Volatile.Read(ref state);
            next = current with { Documents = vectors is null ? current.Documents.Remove(documentId) : current.Documents.SetItem(documentId, vectors) };
        }
        while (Interlocked.CompareExchange(ref state, next, current) != current);
    }

    /// <summary>The <paramref name="k"/> rows most similar to <paramref name="query"/>, best first (dot product = cosine on unit vectors).</summary>
    public IReadOnlyList<long> Search(float[] query, int k)
    {
        var norm = TensorPrimitives.Norm(query);
        if (norm == 0 || k <= 0) return [];
        var quantized = new sbyte[query.Length];
        DocumentVectors.Quantize(query, norm, quantized); // the query's own scale is one factor for every row: ranking ignores it
        var top = new TopK(k);
        var snapshot = Volatile.Read(ref state);
        var packed = snapshot.Packed;
        var usable = packed.Dimensions == query.Length;
        if (ReferenceEquals(packed.Source, snapshot.Documents))
        {
            if (usable) Scan(packed.Matrix, packed.Scales, packed.RowIds, 0, packed.RowIds.Length, quantized, top);
        }
        else
        {
            foreach (var (documentId, vectors, start, count) in usable ? packed.Ranges : [])
                if (snapshot.Documents.TryGetValue(documentId, out var current) && ReferenceEquals(current, vectors))
                    Scan(packed.Matrix, packed.Scales, packed.RowIds, start, count, quantized, top);
            foreach (var (documentId, vectors) in snapshot.Documents)
                // Vectors of another size (another model's leftovers) cannot be compared; they wait for re-embedding.
                if (vectors.Dimensions == query.Length && !(usable && packed.Packed.TryGetValue(documentId, out var was) && ReferenceEquals(was, vectors)))
                    Scan(vectors.Matrix, vectors.Scales, vectors.RowIds, 0, vectors.RowIds.Length, quantized, top);
            RepackInBackground();
        }
        return top.Best();
    }

    private static void Scan(sbyte[] matrix, float[] scales, long[] rowIds, int start, int count, sbyte[] query, TopK top)
    {
        var dimensions = query.Length;
        var rows = matrix.AsSpan(start * dimensions, count * dimensions);
        for (var row = 0; row < count; row++)
        {
            var score = Int8Dot.Dot(rows.Slice(row * dimensions, dimensions), query) * scales[start + row];
            if (score > top.Threshold) top.Add(rowIds[start + row], score);
        }
    }

    private void RepackInBackground()
    {
        if (Interlocked.Exchange(ref repacking, 1) == 1) return;
        _ = Task.Run(() =>
        {
            try
            {
                var current = Volatile.Read(ref state);
                if (ReferenceEquals(current.Packed.Source, current.Documents)) return;
                var packed = PackedVectors.From(current.Documents);
                // Writes during the repack leave a smaller lag, not a wrong answer; the next search repacks again.
                Snapshot seen;
                do seen = Volatile.Read(ref state);
                while (Interlocked.CompareExchange(ref state, seen with { Packed = packed }, seen) != seen);
            }
            finally { Volatile.Write(ref repacking, 0); }
        });
    }

    private sealed record Snapshot(ImmutableDictionary<string, DocumentVectors> Documents, PackedVectors Packed);

    /// <summary>The best k rows seen so far: a min-heap, touched only by a row that beats the current k-th best.</summary>
    private sealed class TopK(int k)
    {
        private readonly PriorityQueue<long, float> heap = new(k + 1);
        public float Threshold { get; private set; } = float.NegativeInfinity;

        public void Add(long rowId, float score)
        {
            if (heap.Count < k) heap.Enqueue(rowId, score);
            else heap.EnqueueDequeue(rowId, score);
            if (heap.Count == k && heap.TryPeek(out _, out var lowest)) Threshold = lowest;
        }

        public long[] Best()
        {
            var result = new long[heap.Count];
            for (var i = result.Length - 1; i >= 0; i--) result[i] = heap.Dequeue();
            return result;
        }
    }
}
