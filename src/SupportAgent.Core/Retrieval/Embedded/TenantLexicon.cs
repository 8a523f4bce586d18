using System.Buffers;
using System.Collections.Immutable;

namespace SupportAgent.Core.Retrieval.Embedded;

/// <summary>
/// A tenant's lexical index in memory: FTS5's BM25 (<c>bm25(t, 3.0, 2.0, 1.0)</c>, k1 = 1.2, b = 0.75, the same IDF floor)
/// computed over the same tokens, so it ranks as the tenant's FTS5 table does, in well under a millisecond at 100k
/// chunks where FTS5 scores every matching row through SQLite. SQLite stays the source of truth: the lexicon is
/// built from its rows on the tenant's first search and kept in step with every write of this process, like
/// <see cref="TenantVectors"/>: writers swap in a new snapshot of per-document terms; searches read the inverted
/// <see cref="LexicalSegment"/>, skip rows of documents changed since it was built, score those documents directly,
/// and one background rebuild brings the segment up to date.
/// </summary>
internal sealed class TenantLexicon
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    private Snapshot state;
    private int rebuilding;

    public TenantLexicon(ImmutableDictionary<string, DocumentTerms> documents) =>
        state = new Snapshot(documents, new LexicalSegment(documents));

    /// <summary>True while the segment lags the latest writes (for tests and diagnostics).</summary>
    public bool RebuildPending => Volatile.Read(ref state) is var s && !ReferenceEquals(s.Segment.Source, s.Documents);

    public void Replace(string documentId, DocumentTerms? terms)
    {
        Snapshot current, next;
        do
        {
            current = Volatile.Read(ref state);
            next = current with { Documents = terms is null ? current.Documents.Remove(documentId) : current.Documents.SetItem(documentId, terms) };
        }
        while (Interlocked.CompareExchange(ref state, next, current) != current);
    }

    /// <summary>
    /// The best <paramref name="limit"/> rows for the query by BM25, best first (ties by row id), or null when the query
    /// has a word FTS5 would read as a multi-token phrase, which only FTS5 itself evaluates.
    /// </summary>
    public IReadOnlyList<(long RowId, double Score)>? Search(FtsQuery query, int limit)
    {
        var phrases = new (string Token, bool TitleOrHeading, bool Subject)[query.Phrases.Count];
        for (var i = 0; i < phrases.Length; i++)
        {
            var words = FtsTokenizer.WordTokens(query.Phrases[i].Word);
            if (words.Length != 1) return null;
            phrases[i] = (words[0], query.Phrases[i].TitleOrHeading, query.Phrases[i].TitleOrHeading);
        }
        var snapshot = Volatile.Read(ref state);
        var segment = snapshot.Segment;
        var current = ReferenceEquals(segment.Source, snapshot.Documents);
        var dead = current ? null : DeadDocuments(snapshot);
        var changed = current ? [] : ChangedDocuments(snapshot);
        if (!current) RebuildInBackground();

        // Totals over the live rows: the segment's, less the changed documents' old rows, plus their new ones.
        long rows = segment.Rows, tokens = segment.TotalTokens;
        var hits = new long[phrases.Length];
        for (var p = 0; p < phrases.Length; p++) hits[p] = segment.Hits(phrases[p].Token, phrases[p].TitleOrHeading);
        if (dead is not null)
            for (var d = 0; d < dead.Length; d++)
                if (dead[d]) Adjust(segment.Documents[d].Terms, -1, phrases, hits, ref rows, ref tokens);
        foreach (var terms in changed) Adjust(terms, +1, phrases, hits, ref rows, ref tokens);
        if (rows == 0) return [];
        var averageLength = (double)tokens / rows;
        var idf = new double[phrases.Length];
        for (var p = 0; p < phrases.Length; p++)
        {
            var value = Math.Log((rows - hits[p] + 0.5) / (hits[p] + 0.5));
            idf[p] = value <= 0.0 ? 1e-6 : value; // FTS5's floor for terms in more than half the rows
        }

        var top = new TopRows(limit);
        var scores = ArrayPool<double>.Shared.Rent(segment.Rows);
        var matched = ArrayPool<byte>.Shared.Rent(segment.Rows);
        Array.Clear(matched, 0, segment.Rows); // a pooled array may come back dirty from any other user of the pool
        var touched = ArrayPool<int>.Shared.Rent(segment.Rows); // rows scored so far, so clearing costs what scoring did
        var touchedCount = 0;
        try
        {
            for (var p = 0; p < phrases.Length; p++)
            {
                var (postings, counts) = segment.Postings(phrases[p].Token);
                var rowSpan = postings.Span;
                var countSpan = counts.Span;
                var flag = Flag(phrases[p].Subject, query.SubjectRequired);
                for (var i = 0; i < rowSpan.Length; i++)
                {
                    var row = rowSpan[i];
                    if (dead is not null && dead[segment.RowDocument[row]]) continue;
                    var frequency = countSpan[i].Frequency(phrases[p].TitleOrHeading);
                    if (frequency == 0) continue;
                    if (matched[row] == 0) { touched[touchedCount++] = row; scores[row] = 0; }
                    matched[row] |= flag;
                    scores[row] += Term(idf[p], frequency, segment.Lengths[row], averageLength);
                }
            }
            var need = Need(query.SubjectRequired);
            foreach (var row in touched.AsSpan(0, touchedCount))
                if ((matched[row] & need) == need) top.Add(segment.RowIds[row], scores[row]);
            foreach (var terms in changed) ScoreDirectly(terms, phrases, idf, averageLength, need, query.SubjectRequired, top);
        }
        finally
        {
            foreach (var row in touched.AsSpan(0, touchedCount)) matched[row] = 0;
            ArrayPool<int>.Shared.Return(touched);
            ArrayPool<double>.Shared.Return(scores);
            ArrayPool<byte>.Shared.Return(matched);
        }
        return top.Best();
    }

    /// <summary>One phrase's BM25 contribution, written as FTS5 computes it so scores (and ties) agree exactly.</summary>
    private static double Term(double idf, double frequency, int length, double averageLength) =>
        idf * (frequency * (K1 + 1.0) / (frequency + K1 * (1 - B + B * (double)length / averageLength)));

    /// <summary>Which requirement a phrase satisfies: with <c>SubjectRequired</c>, subject and question are separate.</summary>
    private static byte Flag(bool subject, bool subjectRequired) => !subjectRequired ? (byte)1 : subject ? (byte)1 : (byte)2;
    private static byte Need(bool subjectRequired) => subjectRequired ? (byte)3 : (byte)1;

    private static void ScoreDirectly(DocumentTerms terms, (string Token, bool TitleOrHeading, bool Subject)[] phrases, double[] idf,
        double averageLength, byte need, bool subjectRequired, TopRows top)
    {
        for (var r = 0; r < terms.Rows; r++)
        {
            byte matched = 0;
            var score = 0.0;
            for (var p = 0; p < phrases.Length; p++)
            {
                var frequency = terms.Find(r, phrases[p].Token).Frequency(phrases[p].TitleOrHeading);
                if (frequency == 0) continue;
                matched |= Flag(phrases[p].Subject, subjectRequired);
                score += Term(idf[p], frequency, terms.Lengths[r], averageLength);
            }
            if ((matched & need) == need) top.Add(terms.RowIds[r], score);
        }
    }

    private static void Adjust(DocumentTerms terms, int sign, (string Token, bool TitleOrHeading, bool Subject)[] phrases, long[] hits, ref long rows, ref long tokens)
    {
        rows += sign * terms.Rows;
        foreach (var length in terms.Lengths) tokens += sign * length;
        for (var r = 0; r < terms.Rows; r++)
            for (var p = 0; p < phrases.Length; p++)
                if (terms.Find(r, phrases[p].Token).Frequency(phrases[p].TitleOrHeading) > 0) hits[p] += sign;
    }

    private static bool[] DeadDocuments(Snapshot snapshot)
    {
        var documents = snapshot.Segment.Documents;
        var dead = new bool[documents.Length];
        for (var d = 0; d < documents.Length; d++)
            dead[d] = !(snapshot.Documents.TryGetValue(documents[d].Id, out var now) && ReferenceEquals(now, documents[d].Terms));
        return dead;
    }

    private static List<DocumentTerms> ChangedDocuments(Snapshot snapshot) =>
        [.. snapshot.Documents.Where(d => !(snapshot.Segment.Packed.TryGetValue(d.Key, out var was) && ReferenceEquals(was, d.Value))).Select(d => d.Value)];

    private void RebuildInBackground()
    {
        if (Interlocked.Exchange(ref rebuilding, 1) == 1) return;
        _ = Task.Run(() =>
        {
            try
            {
                var current = Volatile.Read(ref state);
                if (ReferenceEquals(current.Segment.Source, current.Documents)) return;
                var segment = new LexicalSegment(current.Documents);
                // Writes during the rebuild leave a smaller lag, not a wrong answer; the next search rebuilds again.
                Snapshot seen;
                do seen = Volatile.Read(ref state);
                while (Interlocked.CompareExchange(ref state, seen with { Segment = segment }, seen) != seen);
            }
            finally { Volatile.Write(ref rebuilding, 0); }
        });
    }

    private sealed record Snapshot(ImmutableDictionary<string, DocumentTerms> Documents, LexicalSegment Segment);

    /// <summary>The best rows so far: a min-heap on (score, then higher row id first out), so ties keep the lower row id.</summary>
    private sealed class TopRows(int k)
    {
        private readonly PriorityQueue<long, (double Score, long RowId)> heap = new(k + 1, Comparer<(double Score, long RowId)>.Create(
            (a, b) => a.Score != b.Score ? a.Score.CompareTo(b.Score) : b.RowId.CompareTo(a.RowId)));

        public void Add(long rowId, double score)
        {
            if (k <= 0) return;
            if (heap.Count < k) { heap.Enqueue(rowId, (score, rowId)); return; }
            heap.TryPeek(out _, out var lowest);
            if (score > lowest.Score || (score == lowest.Score && rowId < lowest.RowId)) heap.EnqueueDequeue(rowId, (score, rowId));
        }

        public (long RowId, double Score)[] Best()
        {
            var result = new (long, double)[heap.Count];
            for (var i = result.Length - 1; i >= 0; i--) { heap.TryDequeue(out var row, out var key); result[i] = (row, key.Score); }
            return result;
        }
    }
}
