using System.Text.Json.Nodes;

namespace SupportAgent.Tests.Fakes;

/// <summary>One collection of the fake: its vector configuration, payload indexes and points (thread-safe by one lock).</summary>
public sealed partial class FakeQdrantCollection
{
    private static readonly string[] Distances = ["Cosine", "Euclid", "Dot", "Manhattan"];
    private readonly Dictionary<string, StoredPoint> points = new();
    private readonly object sync = new();
    private long version;

    public string Name { get; }
    /// <summary>The create request as received, for assertions on the collection's configuration.</summary>
    public JsonObject Config { get; }
    public Dictionary<string, (int Size, string Distance)> DenseVectors { get; } = new();
    public Dictionary<string, string> SparseVectors { get; } = new();
    public Dictionary<string, JsonNode?> PayloadIndexes { get; } = new();
    public int PointCount { get { lock (sync) return points.Count; } }

    private sealed record StoredPoint(JsonNode Id, string Key, Dictionary<string, float[]> Dense,
        Dictionary<string, Dictionary<uint, float>> Sparse, JsonObject Payload, long Version);

    private FakeQdrantCollection(string name, JsonObject config) => (Name, Config) = (name, config);

    public static FakeQdrantCollection Create(string name, JsonObject body)
    {
        var c = new FakeQdrantCollection(name, (JsonObject)body.DeepClone());
        if (body["vectors"] is JsonObject vectors)
        {
            // Either one unnamed vector {size, distance} or named ones {name: {size, distance}}.
            var named = vectors.ContainsKey("size") ? [new KeyValuePair<string, JsonNode?>("", vectors)] : vectors.ToList();
            foreach (var (vectorName, node) in named)
            {
                var size = node?["size"]?.GetValue<int>() ?? throw new FakeQdrantError(422, $"Validation error in JSON body: vectors.{vectorName}.size: missing");
                var distance = node["distance"]?.GetValue<string>();
                if (size < 1) throw new FakeQdrantError(422, $"Validation error in JSON body: vectors.{vectorName}.size: value 0 invalid, must be 1 or larger");
                if (distance is null || !Distances.Contains(distance))
                    throw new FakeQdrantError(400, $"Format error in JSON body: unknown variant `{distance}`, expected one of `Cosine`, `Euclid`, `Dot`, `Manhattan`");
                c.DenseVectors[vectorName] = (size, distance);
            }
        }
        if (body["sparse_vectors"] is JsonObject sparse)
            foreach (var (vectorName, node) in sparse)
            {
                var modifier = node?["modifier"]?.GetValue<string>() ?? "none";
                if (modifier is not ("none" or "idf"))
                    throw new FakeQdrantError(400, $"Format error in JSON body: unknown variant `{modifier}`, expected `none` or `idf`");
                c.SparseVectors[vectorName] = modifier;
            }
        return c;
    }

    public JsonNode CreatePayloadIndex(JsonObject body)
    {
        var field = body["field_name"]?.GetValue<string>() ?? throw new FakeQdrantError(400, "Format error in JSON body: missing field `field_name`");
        lock (sync) PayloadIndexes[field] = body["field_schema"]?.DeepClone();
        return Updated(completed: true);
    }

    public JsonNode Upsert(JsonObject body, bool wait)
    {
        if (body["points"] is not JsonArray list) throw new FakeQdrantError(400, "Format error in JSON body: the fake supports the `points` list form only");
        var parsed = list.Select(p => ParsePoint(p as JsonObject ?? throw new FakeQdrantError(400, "Format error in JSON body: a point must be an object"))).ToList();
        lock (sync)
        {
            version++;
            foreach (var p in parsed) points[p.Key] = p with { Version = version };
        }
        return Updated(wait);
    }

    public JsonNode Delete(JsonObject body, bool wait)
    {
        lock (sync)
        {
            version++;
            IEnumerable<StoredPoint> doomed = body["filter"] is JsonObject filter ? Matching(ParseFilter(filter))
                : body["points"] is JsonArray ids ? ids.Select(IdKey).Where(points.ContainsKey).Select(k => points[k])
                : throw new FakeQdrantError(400, "Format error in JSON body: expected `filter` or `points`");
            foreach (var p in doomed.ToList()) points.Remove(p.Key);
        }
        return Updated(wait);
    }

    public JsonNode Count(JsonObject body)
    {
        var filter = body["filter"] is JsonObject f ? ParseFilter(f) : null;
        lock (sync) return new JsonObject { ["count"] = Matching(filter).Count() };
    }

    public JsonNode Scroll(JsonObject body)
    {
        var filter = body["filter"] is JsonObject f ? ParseFilter(f) : null;
        var limit = body["limit"]?.GetValue<int>() ?? 10;
        var from = body["offset"] is { } offset ? IdKey(offset) : null;
        lock (sync)
        {
            var page = Matching(filter).OrderBy(p => p.Key, StringComparer.Ordinal)
                .Where(p => from is null || string.CompareOrdinal(p.Key, from) >= 0).Take(limit + 1).ToList();
            var result = new JsonArray([.. page.Take(limit).Select(p => Output(p, null, body["with_payload"] ?? true))]);
            return new JsonObject { ["points"] = result, ["next_page_offset"] = page.Count > limit ? page[^1].Id.DeepClone() : null };
        }
    }

    private JsonObject Updated(bool completed) =>
        new() { ["operation_id"] = version, ["status"] = completed ? "completed" : "acknowledged" };

    private StoredPoint ParsePoint(JsonObject node)
    {
        var id = node["id"] ?? throw new FakeQdrantError(400, "Format error in JSON body: missing field `id`");
        var dense = new Dictionary<string, float[]>();
        var sparse = new Dictionary<string, Dictionary<uint, float>>();
        var vectors = node["vector"] ?? throw new FakeQdrantError(400, "Format error in JSON body: missing field `vector`");
        var named = vectors is JsonArray ? [new KeyValuePair<string, JsonNode?>("", vectors)] : ((JsonObject)vectors).ToList();
        foreach (var (name, value) in named)
        {
            if (DenseVectors.TryGetValue(name, out var config))
            {
                var v = (value as JsonArray ?? throw new FakeQdrantError(400, $"Wrong input: vector `{name}` must be a dense vector"))
                    .Select(x => x!.GetValue<float>()).ToArray();
                if (v.Length != config.Size) throw new FakeQdrantError(400, $"Wrong input: Vector dimension error: expected dim: {config.Size}, got {v.Length}");
                dense[name] = config.Distance == "Cosine" ? Normalize(v) : v;
            }
            else if (SparseVectors.ContainsKey(name)) sparse[name] = ParseSparse(value);
            else throw new FakeQdrantError(400, $"Wrong input: Not existing vector name error: {name}");
        }
        var payload = node["payload"] as JsonObject ?? new JsonObject();
        return new StoredPoint(id.DeepClone(), IdKey(id), dense, sparse, (JsonObject)payload.DeepClone(), 0);
    }

    private static Dictionary<uint, float> ParseSparse(JsonNode? node)
    {
        var indices = node?["indices"] as JsonArray;
        var values = node?["values"] as JsonArray;
        if (indices is null || values is null) throw new FakeQdrantError(400, "Format error in JSON body: a sparse vector needs `indices` and `values`");
        if (indices.Count != values.Count) throw new FakeQdrantError(422, "Validation error in JSON body: indices and values must be the same length");
        var result = new Dictionary<uint, float>();
        for (var i = 0; i < indices.Count; i++)
            if (!result.TryAdd(indices[i]!.GetValue<uint>(), values[i]!.GetValue<float>()))
                throw new FakeQdrantError(422, "Validation error in JSON body: indices must be unique");
        return result;
    }

    internal static string IdKey(JsonNode? id) => id switch
    {
        JsonValue v when v.TryGetValue<ulong>(out var n) => n.ToString(),
        JsonValue v when v.TryGetValue<string>(out var s) && Guid.TryParse(s, out var g) => g.ToString("D"),
        _ => throw new FakeQdrantError(400, $"Format error in JSON body: `{id?.ToJsonString()}` is not a valid point ID, valid values are either an unsigned integer or a UUID"),
    };

    private static float[] Normalize(float[] v)
    {
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return norm == 0 ? v : [.. v.Select(x => x / norm)];
    }
}
