using SupportAgent.Core.Retrieval.Embedded;

namespace SupportAgent.Tests.Unit.Retrieval;

/// <summary>The tenant's contiguous matrix gives exactly the ranking of a plain scan, before and after writes.</summary>
public sealed class PackedVectorTests
{
    private static float[] RandomUnit(Random random, int dimensions)
    {
        var v = Enumerable.Range(0, dimensions).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return [.. v.Select(x => x / norm)];
    }

    private static (Dictionary<long, float[]> All, TenantVectors Vectors) Build(Random random, int documents, int rowsPerDocument, int dimensions)
    {
        var all = new Dictionary<long, float[]>();
        var builder = System.Collections.Immutable.ImmutableDictionary.CreateBuilder<string, DocumentVectors>(StringComparer.Ordinal);
        for (var d = 0; d < documents; d++)
        {
            var rows = Enumerable.Range(0, rowsPerDocument).Select(r => ((long)(d * 1000 + r), RandomUnit(random, dimensions))).ToList();
            foreach (var (id, v) in rows) all[id] = v;
            builder[$"d{d}"] = DocumentVectors.From(rows)!;
        }
        return (all, new TenantVectors(builder.ToImmutable()));
    }

    /// <summary>The expected ranking from the same int8 scores, computed row by row.</summary>
    private static long[] Expected(Dictionary<long, float[]> all, float[] query, int k)
    {
        var q = new sbyte[query.Length];
        DocumentVectors.Quantize(query, 1, q);
        return [.. all.Select(r =>
        {
            var row = DocumentVectors.From([(r.Key, r.Value)])!;
            return (r.Key, Score: Int8Dot.Dot(row.Matrix, q) * row.Scales[0]);
        }).OrderByDescending(r => r.Score).Take(k).Select(r => r.Key)];
    }

    [Fact]
    public void TheSearchReturnsTheBestRowsBestFirst()
    {
        var random = new Random(5);
        var (all, vectors) = Build(random, documents: 40, rowsPerDocument: 25, dimensions: 384);
        var query = RandomUnit(random, 384);

        Assert.Equal(Expected(all, query, 10), vectors.Search(query, 10));
    }

    [Fact]
    public void DocumentsWrittenAfterPackingAreFoundAndDeletedOnesAreNot()
    {
        var random = new Random(9);
        var (all, vectors) = Build(random, documents: 10, rowsPerDocument: 10, dimensions: 64);
        var query = RandomUnit(random, 64);
        var best = vectors.Search(query, 1)[0];

        vectors.Replace($"d{best / 1000}", null);
        vectors.Replace("fresh", DocumentVectors.From([(99_999L, query)]));
        foreach (var id in all.Keys.Where(id => id / 1000 == best / 1000).ToList()) all.Remove(id);
        all[99_999] = query;

        Assert.Equal(Expected(all, query, 5), vectors.Search(query, 5));
        Assert.Equal(99_999, vectors.Search(query, 1)[0]);
    }

    [Fact]
    public async Task TheMatrixIsRepackedAfterWritesWithoutChangingResults()
    {
        var random = new Random(11);
        var (all, vectors) = Build(random, documents: 5, rowsPerDocument: 4, dimensions: 32);
        vectors.Replace("extra", DocumentVectors.From([(5000L, RandomUnit(random, 32))]));
        var query = RandomUnit(random, 32);
        var before = vectors.Search(query, 5);

        for (var i = 0; i < 200 && vectors.PackPending; i++) await Task.Delay(10);

        Assert.False(vectors.PackPending);
        Assert.Equal(before, vectors.Search(query, 5));
    }

    [Fact]
    public void QueriesOfAnotherSizeFindNothingRatherThanComparingApples()
    {
        var (_, vectors) = Build(new Random(1), documents: 3, rowsPerDocument: 3, dimensions: 64);

        Assert.Empty(vectors.Search(RandomUnit(new Random(2), 128), 5));
    }
}
