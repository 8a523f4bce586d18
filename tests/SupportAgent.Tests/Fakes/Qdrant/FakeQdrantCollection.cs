using Google.Protobuf.Collections;
using SupportAgent.Tests.Fakes.Qdrant.Wire;

namespace SupportAgent.Tests.Fakes.Qdrant;

/// <summary>
/// One collection of the fake: its named vectors as created, payload indexes and points (one lock). Writes are
/// applied before they return, so <c>wait</c> only changes the reported status, as on a single Qdrant node.
/// </summary>
public sealed partial class FakeQdrantCollection
{
    private readonly Dictionary<string, StoredPoint> points = new();
    private readonly object sync = new();
    private ulong operationId;

    public string Name { get; }
    /// <summary>The create request as received, for assertions on the collection's configuration.</summary>
    public CreateCollection Config { get; }
    public Dictionary<string, (ulong Size, Distance Distance)> DenseVectors { get; } = new();
    public Dictionary<string, Modifier> SparseVectors { get; } = new();
    public Dictionary<string, (FieldType Type, PayloadIndexParams? Params)> PayloadIndexes { get; } = new();
    public int PointCount { get { lock (sync) return points.Count; } }

    private sealed record StoredPoint(PointId Id, string Key, Dictionary<string, float[]> Dense,
        Dictionary<string, Dictionary<uint, float>> Sparse, MapField<string, Value> Payload, ulong Version);

    private FakeQdrantCollection(CreateCollection config)
    {
        (Name, Config) = (config.CollectionName, config.Clone());
        foreach (var (k, v) in config.Metadata) metadata[k] = v.Clone();
    }

    public static FakeQdrantCollection Create(CreateCollection request)
    {
        if (string.IsNullOrEmpty(request.CollectionName)) throw FakeQdrantErrors.Validation("collection_name: length: value must be at least 1 characters long");
        var c = new FakeQdrantCollection(request);
        var vectors = request.VectorsConfig;
        IEnumerable<KeyValuePair<string, VectorParams>> named = vectors?.ConfigCase switch
        {
            VectorsConfig.ConfigOneofCase.Params => new[] { KeyValuePair.Create("", vectors.Params) },
            VectorsConfig.ConfigOneofCase.ParamsMap => vectors.ParamsMap.Map,
            _ => [],
        };
        foreach (var (name, p) in named)
        {
            if (p.Size < 1) throw FakeQdrantErrors.Validation($"vectors_config.{name}.size: value 0 invalid, must be 1 or larger");
            if (p.Distance == Distance.UnknownDistance) throw FakeQdrantErrors.BadInput("Malformed distance parameter: UnknownDistance");
            c.DenseVectors[name] = (p.Size, p.Distance);
        }
        foreach (var (name, p) in request.SparseVectorsConfig?.Map ?? [])
            c.SparseVectors[name] = p.HasModifier ? p.Modifier : Modifier.None;
        return c;
    }

    public ulong CreateFieldIndex(CreateFieldIndexCollection request)
    {
        if (string.IsNullOrEmpty(request.FieldName)) throw FakeQdrantErrors.Validation("field_name: must not be empty");
        if (!request.HasFieldType) throw FakeQdrantErrors.BadInput("Can't auto-detect field type, please specify `field_type` in the request");
        var expected = request.FieldIndexParams?.IndexParamsCase switch
        {
            null or PayloadIndexParams.IndexParamsOneofCase.None => request.FieldType,
            PayloadIndexParams.IndexParamsOneofCase.KeywordIndexParams => FieldType.Keyword,
            PayloadIndexParams.IndexParamsOneofCase.IntegerIndexParams => FieldType.Integer,
            PayloadIndexParams.IndexParamsOneofCase.TextIndexParams => FieldType.Text,
            var other => throw FakeQdrantErrors.NotInFake($"{other} payload indexes"),
        };
        if (expected != request.FieldType)
            throw FakeQdrantErrors.BadInput($"field_type {request.FieldType} does not match the index params {request.FieldIndexParams!.IndexParamsCase}");
        lock (sync)
        {
            // Qdrant replaces an index of the same field; an identical one is a no-op.
            PayloadIndexes[request.FieldName] = (request.FieldType, request.FieldIndexParams?.Clone());
            return ++operationId;
        }
    }

    public ulong Upsert(RepeatedField<PointStruct> list)
    {
        // Parsed and validated in full before anything is stored: a bad point fails the whole batch, as in Qdrant.
        var parsed = list.Select(Parse).ToList();
        lock (sync)
        {
            operationId++;
            foreach (var p in parsed) points[p.Key] = p with { Version = operationId };
            return operationId;
        }
    }

    public ulong Delete(PointsSelector selector)
    {
        lock (sync)
        {
            operationId++;
            var doomed = selector?.PointsSelectorOneOfCase switch
            {
                PointsSelector.PointsSelectorOneOfOneofCase.Filter => Matching(Compile(selector.Filter)).Select(p => p.Key).ToList(),
                PointsSelector.PointsSelectorOneOfOneofCase.Points => [.. selector.Points.Ids.Select(IdKey)],
                _ => throw FakeQdrantErrors.Validation("points: either a filter or a list of ids is required"),
            };
            foreach (var key in doomed) points.Remove(key);
            return operationId;
        }
    }

    public ulong Count(Filter? filter)
    {
        var condition = Compile(filter);
        lock (sync) return (ulong)Matching(condition).Count();
    }

    /// <summary>Points in id order (numbers before UUIDs), from <c>offset</c> inclusive; the next page starts at <c>next_page_offset</c>.</summary>
    public ScrollResponse Scroll(ScrollPoints request)
    {
        var condition = Compile(request.Filter);
        var limit = request.HasLimit ? (int)request.Limit : 10;
        if (limit < 1) throw FakeQdrantErrors.Validation("limit: value 0 invalid, must be 1 or larger");
        var from = request.Offset is { } offset ? IdKey(offset) : null;
        lock (sync)
        {
            var page = Matching(condition).OrderBy(p => p.Key, StringComparer.Ordinal)
                .Where(p => from is null || string.CompareOrdinal(p.Key, from) >= 0).Take(limit + 1).ToList();
            var response = new ScrollResponse();
            foreach (var p in page.Take(limit))
            {
                var point = new RetrievedPoint { Id = p.Id.Clone() };
                point.Payload.Add(Payload(p, request.WithPayload, byDefault: true));
                response.Result.Add(point);
            }
            if (page.Count > limit) response.NextPageOffset = page[^1].Id.Clone();
            return response;
        }
    }

    // Qdrant still accepts the deprecated flat encoding (data + indices) from older clients, so the fake reads it too.
#pragma warning disable CS0612
    private StoredPoint Parse(PointStruct point)
    {
        var key = IdKey(point.Id ?? throw FakeQdrantErrors.Validation("id: must be present"));
        var dense = new Dictionary<string, float[]>();
        var sparse = new Dictionary<string, Dictionary<uint, float>>();
        IEnumerable<KeyValuePair<string, Vector>> named = point.Vectors?.VectorsOptionsCase switch
        {
            Vectors.VectorsOptionsOneofCase.Vector => new[] { KeyValuePair.Create("", point.Vectors.Vector) },
            Vectors.VectorsOptionsOneofCase.Vectors_ => point.Vectors.Vectors_.Vectors,
            _ => [],
        };
        foreach (var (name, vector) in named)
        {
            if (DenseVectors.TryGetValue(name, out var config))
            {
                var v = vector.VectorCase == Vector.VectorOneofCase.Dense ? vector.Dense.Data.ToArray()
                    : vector.VectorCase == Vector.VectorOneofCase.None && vector.Indices is null ? vector.Data.ToArray() // deprecated encoding
                    : throw FakeQdrantErrors.BadInput($"Conversion between sparse and regular vectors failed");
                if ((ulong)v.Length != config.Size)
                    throw FakeQdrantErrors.BadInput($"Vector dimension error: expected dim: {config.Size}, got {v.Length}");
                dense[name] = config.Distance == Distance.Cosine ? Normalize(v) : v;
            }
            else if (SparseVectors.ContainsKey(name))
                sparse[name] = vector.VectorCase == Vector.VectorOneofCase.Sparse ? ParseSparse(vector.Sparse.Indices, vector.Sparse.Values)
                    : vector.VectorCase == Vector.VectorOneofCase.None && vector.Indices is not null ? ParseSparse(vector.Indices.Data, vector.Data)
                    : throw FakeQdrantErrors.BadInput("Conversion between sparse and regular vectors failed");
            else throw FakeQdrantErrors.BadInput($"Not existing vector name error: {name}");
        }
        return new StoredPoint(point.Id.Clone(), key, dense, sparse, point.Payload.Clone(), 0);
    }
#pragma warning restore CS0612

    private static Dictionary<uint, float> ParseSparse(IList<uint> indices, IList<float> values)
    {
        if (indices.Count != values.Count) throw FakeQdrantErrors.Validation("values: must be the same length as indices");
        var result = new Dictionary<uint, float>();
        for (var i = 0; i < indices.Count; i++)
            if (!result.TryAdd(indices[i], values[i])) throw FakeQdrantErrors.Validation("indices: must be unique");
        return result;
    }

    /// <summary>Qdrant's canonical point id: a number, or a UUID in its hyphenated lowercase form ('u' sorts after digits).</summary>
    internal static string IdKey(PointId id) => id.PointIdOptionsCase switch
    {
        PointId.PointIdOptionsOneofCase.Num => $"n{id.Num:D20}",
        PointId.PointIdOptionsOneofCase.Uuid when Guid.TryParse(id.Uuid, out var g) => $"u{g:D}",
        PointId.PointIdOptionsOneofCase.Uuid => throw FakeQdrantErrors.BadInput($"Unable to parse UUID: {id.Uuid}"),
        _ => throw FakeQdrantErrors.BadInput("Unknown id type"),
    };

    /// <summary>Without a selector, scroll returns payloads and query does not (Qdrant's defaults).</summary>
    private static MapField<string, Value> Payload(StoredPoint p, WithPayloadSelector? selector, bool byDefault) => selector?.SelectorOptionsCase switch
    {
        null or WithPayloadSelector.SelectorOptionsOneofCase.None => byDefault ? p.Payload.Clone() : [],
        WithPayloadSelector.SelectorOptionsOneofCase.Enable when selector.Enable => p.Payload.Clone(),
        WithPayloadSelector.SelectorOptionsOneofCase.Include => Subset(p.Payload, k => selector.Include.Fields.Contains(k)),
        WithPayloadSelector.SelectorOptionsOneofCase.Exclude => Subset(p.Payload, k => !selector.Exclude.Fields.Contains(k)),
        _ => [],
    };

    private static MapField<string, Value> Subset(MapField<string, Value> payload, Func<string, bool> keep)
    {
        var result = new MapField<string, Value>();
        foreach (var (k, v) in payload) if (keep(k)) result.Add(k, v.Clone());
        return result;
    }

    private static float[] Normalize(float[] v)
    {
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return norm == 0 ? v : [.. v.Select(x => x / norm)];
    }
}
