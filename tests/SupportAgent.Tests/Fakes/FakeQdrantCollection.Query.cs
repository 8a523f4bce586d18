using System.Text.Json.Nodes;

namespace SupportAgent.Tests.Fakes;

/// <summary>
/// The Query API: nearest search on a named dense vector (cosine) or sparse vector (dot product, idf-weighted when the
/// vector has <c>modifier: idf</c>), prefetches, and RRF fusion. The top-level filter applies inside every prefetch,
/// as in Qdrant.
/// </summary>
public sealed partial class FakeQdrantCollection
{
    private const int DefaultRrfK = 2;

    public JsonNode Query(JsonObject body)
    {
        lock (sync)
        {
            var ranked = Run(body, []);
            var offset = body["offset"]?.GetValue<int>() ?? 0;
            var withPayload = body["with_payload"] ?? false; // false by default on query, unlike scroll
            return new JsonObject { ["points"] = new JsonArray([.. ranked.Skip(offset).Select(r => Output(r.Point, r.Score, withPayload))]) };
        }
    }

    private List<(StoredPoint Point, double Score)> Run(JsonObject request, IReadOnlyList<Condition> outer)
    {
        var filters = request["filter"] is JsonObject f ? [.. outer, ParseFilter(f)] : outer;
        var limit = request["limit"]?.GetValue<int>() ?? 10;
        if (limit < 1) throw new FakeQdrantError(422, "Validation error in JSON body: limit: value 0 invalid, must be 1 or larger");
        var prefetches = request["prefetch"] switch
        {
            null => null,
            JsonArray list => list.Select(p => Run((JsonObject)p!, filters)).ToList(),
            JsonObject one => [Run(one, filters)],
            _ => throw new FakeQdrantError(400, "Format error in JSON body: prefetch must be an object or a list"),
        };
        var query = request["query"];
        IEnumerable<(StoredPoint Point, double Score)> scored;
        if (query is JsonObject q && (q.ContainsKey("fusion") || q.ContainsKey("rrf")))
        {
            if (prefetches is null) throw new FakeQdrantError(400, "Wrong input: fusion queries need prefetches");
            if (q["fusion"] is { } fusion && fusion.GetValue<string>() != "rrf")
                throw new FakeQdrantError(400, $"Format error in JSON body: the fake implements `rrf` fusion only, not `{fusion}`");
            scored = Rrf(prefetches, q["rrf"]?["k"]?.GetValue<int>() ?? DefaultRrfK);
        }
        else if (query is null)
            throw new FakeQdrantError(400, "Format error in JSON body: the fake needs a `query`");
        else
        {
            var candidates = prefetches?.SelectMany(l => l.Select(r => r.Point)).DistinctBy(p => p.Key)
                ?? points.Values.Where(p => filters.All(c => c(p)));
            scored = Nearest(query, request["using"]?.GetValue<string>() ?? "", candidates.ToList());
        }
        var threshold = request["score_threshold"]?.GetValue<double>();
        return [.. scored.Where(r => threshold is null || r.Score >= threshold)
            .OrderByDescending(r => r.Score).ThenBy(r => r.Point.Key, StringComparer.Ordinal).Take(limit)];
    }

    private static IEnumerable<(StoredPoint, double)> Rrf(List<List<(StoredPoint Point, double Score)>> lists, int k)
    {
        var fused = new Dictionary<string, (StoredPoint Point, double Score)>();
        foreach (var list in lists)
            for (var rank = 0; rank < list.Count; rank++)
            {
                var p = list[rank].Point;
                fused[p.Key] = (p, fused.GetValueOrDefault(p.Key).Score + 1.0 / (k + rank));
            }
        return fused.Values.Select(v => (v.Point, v.Score));
    }

    private IEnumerable<(StoredPoint, double)> Nearest(JsonNode query, string vectorName, List<StoredPoint> candidates)
    {
        if (query is JsonObject { } nearest && nearest["nearest"] is { } inner) query = inner;
        if (DenseVectors.TryGetValue(vectorName, out var config))
        {
            var v = (query as JsonArray ?? throw new FakeQdrantError(400, $"Wrong input: vector `{vectorName}` is dense; the query must be a list of floats"))
                .Select(x => x!.GetValue<float>()).ToArray();
            if (v.Length != config.Size) throw new FakeQdrantError(400, $"Wrong input: Vector dimension error: expected dim: {config.Size}, got {v.Length}");
            if (config.Distance is not ("Cosine" or "Dot")) throw new FakeQdrantError(400, $"Format error in JSON body: the fake does not score {config.Distance}");
            var q = config.Distance == "Cosine" ? Normalize(v) : v;
            return candidates.Where(p => p.Dense.ContainsKey(vectorName))
                .Select(p => (p, (double)p.Dense[vectorName].Zip(q, (a, b) => a * b).Sum()));
        }
        if (SparseVectors.TryGetValue(vectorName, out var modifier))
        {
            if (query is not JsonObject) throw new FakeQdrantError(400, $"Wrong input: vector `{vectorName}` is sparse; the query must have indices and values");
            var q = ParseSparse(query);
            var holders = points.Values.Where(p => p.Sparse.ContainsKey(vectorName)).ToList();
            // Qdrant's idf: ln((N - n + 0.5) / (n + 0.5) + 1) over the whole collection, applied to the query's weights.
            double Idf(uint index)
            {
                if (modifier != "idf") return 1;
                var n = holders.Count(p => p.Sparse[vectorName].ContainsKey(index));
                return Math.Log((holders.Count - n + 0.5) / (n + 0.5) + 1);
            }
            var weights = q.ToDictionary(e => e.Key, e => e.Value * Idf(e.Key));
            return candidates.Where(p => p.Sparse.TryGetValue(vectorName, out var s) && s.Keys.Any(weights.ContainsKey))
                .Select(p => (p, p.Sparse[vectorName].Where(e => weights.ContainsKey(e.Key)).Sum(e => e.Value * weights[e.Key])));
        }
        throw new FakeQdrantError(400, $"Wrong input: Not existing vector name error: {vectorName}");
    }

    private static JsonObject Output(StoredPoint p, double? score, JsonNode withPayload)
    {
        var output = new JsonObject { ["id"] = p.Id.DeepClone(), ["version"] = p.Version };
        if (score is not null) output["score"] = score;
        var payload = withPayload switch
        {
            JsonValue v when v.GetValue<bool>() => (JsonObject)p.Payload.DeepClone(),
            JsonArray keys => new JsonObject(keys.Select(k => k!.GetValue<string>()).Where(p.Payload.ContainsKey)
                .Select(k => KeyValuePair.Create(k, p.Payload[k]?.DeepClone()))),
            _ => null,
        };
        if (payload is not null) output["payload"] = payload;
        return output;
    }
}
