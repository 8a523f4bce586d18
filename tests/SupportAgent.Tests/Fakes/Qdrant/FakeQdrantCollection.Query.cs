using Google.Protobuf.Collections;
using SupportAgent.Tests.Fakes.Qdrant.Wire;

namespace SupportAgent.Tests.Fakes.Qdrant;

/// <summary>
/// The Query API: nearest search on a named dense vector (cosine or dot) or sparse vector (dot product, with Qdrant's
/// idf when the vector was created with <c>modifier: Idf</c>), nested prefetches, and RRF fusion (k = 2 unless set).
/// A parent's filter applies inside every prefetch, as in Qdrant.
/// </summary>
public sealed partial class FakeQdrantCollection
{
    /// <summary>Qdrant's DEFAULT_RRF_K.</summary>
    public const int DefaultRrfK = 2;

    public IEnumerable<ScoredPoint> Query(QueryPoints request)
    {
        lock (sync)
        {
            var ranked = Run(request.Prefetch, request.Query, request.HasUsing ? request.Using : "", request.Filter,
                request.HasScoreThreshold ? request.ScoreThreshold : null, request.HasLimit ? request.Limit : 10, []);
            return [.. ranked.Skip((int)request.Offset).Select(r =>
            {
                var point = new ScoredPoint { Id = r.Point.Id.Clone(), Score = (float)r.Score, Version = r.Point.Version };
                point.Payload.Add(Payload(r.Point, request.WithPayload, byDefault: false));
                return point;
            })];
        }
    }

    private List<(StoredPoint Point, double Score)> Run(RepeatedField<PrefetchQuery> prefetch, Wire.Query? query, string vectorName,
        Filter? filter, float? scoreThreshold, ulong limit, IReadOnlyList<Predicate> outer)
    {
        if (limit < 1) throw FakeQdrantErrors.Validation("limit: value 0 invalid, must be 1 or larger");
        var filters = Compile(filter) is { } own ? [.. outer, own] : outer;
        var prefetched = prefetch.Count == 0 ? null
            : prefetch.Select(p => Run(p.Prefetch, p.Query, p.HasUsing ? p.Using : "", p.Filter,
                p.HasScoreThreshold ? p.ScoreThreshold : null, p.HasLimit ? p.Limit : 10, filters)).ToList();
        IEnumerable<(StoredPoint Point, double Score)> scored;
        switch (query?.VariantCase)
        {
            case Wire.Query.VariantOneofCase.Fusion or Wire.Query.VariantOneofCase.Rrf:
                if (prefetched is null) throw FakeQdrantErrors.BadInput("Fusion queries require prefetches");
                if (vectorName != "") throw FakeQdrantErrors.BadInput("Fusion queries cannot be combined with the 'using' field.");
                if (query.VariantCase == Wire.Query.VariantOneofCase.Fusion && query.Fusion != Fusion.Rrf) throw FakeQdrantErrors.NotInFake($"{query.Fusion} fusion");
                var rrf = query.VariantCase == Wire.Query.VariantOneofCase.Rrf ? query.Rrf : null;
                scored = Rrf(prefetched, rrf is { HasK: true } ? (int)rrf.K : DefaultRrfK, rrf?.Weights);
                break;
            case Wire.Query.VariantOneofCase.Nearest:
                var candidates = prefetched?.SelectMany(l => l.Select(r => r.Point)).DistinctBy(p => p.Key)
                    ?? points.Values.Where(p => filters.All(c => c(p)));
                scored = Nearest(query.Nearest, vectorName, candidates.ToList());
                break;
            default:
                throw FakeQdrantErrors.NotInFake(query is null ? "a query without `query`" : $"{query.VariantCase} queries");
        }
        return [.. scored.Where(r => scoreThreshold is null || r.Score >= scoreThreshold)
            .OrderByDescending(r => r.Score).ThenBy(r => r.Point.Key, StringComparer.Ordinal).Take((int)Math.Min(limit, int.MaxValue))];
    }

    /// <summary>Qdrant's rrf_scoring: each list adds <c>1 / ((rank + 1) / weight + k - 1)</c>, rank from 0; only the order counts.</summary>
    private static IEnumerable<(StoredPoint, double)> Rrf(List<List<(StoredPoint Point, double Score)>> lists, int k, RepeatedField<float>? weights)
    {
        if (weights is { Count: > 0 } && weights.Count != lists.Count)
            throw FakeQdrantErrors.BadInput($"Number of weights in RRF should match number of pre-fetches: got {weights.Count}, expected {lists.Count}");
        var fused = new Dictionary<string, (StoredPoint Point, double Score)>();
        for (var l = 0; l < lists.Count; l++)
        {
            var weight = weights is { Count: > 0 } ? weights[l] : 1f;
            for (var rank = 0; rank < lists[l].Count; rank++)
            {
                var p = lists[l][rank].Point;
                var score = weight <= 0 ? 0 : 1.0 / ((rank + 1) / weight + k - 1);
                fused[p.Key] = (p, fused.GetValueOrDefault(p.Key).Score + score);
            }
        }
        return fused.Values.Select(v => (v.Point, v.Score));
    }

    private IEnumerable<(StoredPoint, double)> Nearest(VectorInput input, string vectorName, List<StoredPoint> candidates)
    {
        if (DenseVectors.TryGetValue(vectorName, out var config))
        {
            if (input.VariantCase != VectorInput.VariantOneofCase.Dense) throw FakeQdrantErrors.BadInput($"Conversion between sparse and regular vectors failed");
            var v = input.Dense.Data.ToArray();
            if ((ulong)v.Length != config.Size) throw FakeQdrantErrors.BadInput($"Vector dimension error: expected dim: {config.Size}, got {v.Length}");
            if (config.Distance is not (Distance.Cosine or Distance.Dot)) throw FakeQdrantErrors.NotInFake($"{config.Distance} scoring");
            var q = config.Distance == Distance.Cosine ? Normalize(v) : v;
            return candidates.Where(p => p.Dense.ContainsKey(vectorName))
                .Select(p => (p, (double)p.Dense[vectorName].Zip(q, (a, b) => a * b).Sum()));
        }
        if (SparseVectors.TryGetValue(vectorName, out var modifier))
        {
            if (input.VariantCase != VectorInput.VariantOneofCase.Sparse) throw FakeQdrantErrors.BadInput("Conversion between sparse and regular vectors failed");
            var q = ParseSparse(input.Sparse.Indices, input.Sparse.Values);
            var holders = points.Values.Where(p => p.Sparse.ContainsKey(vectorName)).ToList();
            // Qdrant's fancy_idf over the whole collection, applied to the query's weights: ln((N - df + 0.5) / (df + 0.5) + 1).
            double Idf(uint index)
            {
                if (modifier != Modifier.Idf) return 1;
                var df = holders.Count(p => p.Sparse[vectorName].ContainsKey(index));
                return Math.Log((holders.Count - df + 0.5) / (df + 0.5) + 1);
            }
            var weights = q.ToDictionary(e => e.Key, e => e.Value * Idf(e.Key));
            // An inverted index only finds points that share a dimension with the query.
            return candidates.Where(p => p.Sparse.TryGetValue(vectorName, out var s) && s.Keys.Any(weights.ContainsKey))
                .Select(p => (p, p.Sparse[vectorName].Where(e => weights.ContainsKey(e.Key)).Sum(e => e.Value * weights[e.Key])));
        }
        throw FakeQdrantErrors.BadInput($"Not existing vector name error: {(vectorName == "" ? "the default vector" : vectorName)}");
    }
}
