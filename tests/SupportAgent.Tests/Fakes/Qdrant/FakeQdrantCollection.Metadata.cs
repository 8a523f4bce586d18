using SupportAgent.Tests.Fakes.Qdrant.Wire;

namespace SupportAgent.Tests.Fakes.Qdrant;

/// <summary>Collection metadata (set at create, merged by update), collection info, and payload facets.</summary>
public sealed partial class FakeQdrantCollection
{
    private readonly Dictionary<string, Value> metadata = new();

    public IReadOnlyDictionary<string, Value> Metadata { get { lock (sync) return new Dictionary<string, Value>(metadata); } }

    /// <summary>As a collection created by a client that set no metadata.</summary>
    public void ClearMetadata() { lock (sync) metadata.Clear(); }

    /// <summary>
    /// Qdrant merges the given metadata into what is stored; only metadata changes are in the fake (an empty map of
    /// vector changes changes nothing; a diff without params is malformed, as in Qdrant).
    /// </summary>
    public void Update(UpdateCollection request)
    {
        if (request.VectorsConfig is { } vectors && !(vectors.ConfigCase == VectorsConfigDiff.ConfigOneofCase.ParamsMap && vectors.ParamsMap.Map.Count == 0))
        {
            if (vectors.ConfigCase == VectorsConfigDiff.ConfigOneofCase.None) throw FakeQdrantErrors.BadInput("Malformed VectorConfigDiff type");
            var names = vectors.ConfigCase == VectorsConfigDiff.ConfigOneofCase.ParamsMap ? vectors.ParamsMap.Map.Keys : [""];
            if (names.FirstOrDefault(n => !DenseVectors.ContainsKey(n)) is { } unknown)
                throw FakeQdrantErrors.BadInput($"Not existing vector name error: {unknown}");
            throw FakeQdrantErrors.NotInFake("changes of vector parameters");
        }
        if (request.OptimizersConfig is not null || request.Params is not null || request.HnswConfig is not null
            || request.QuantizationConfig is not null || request.SparseVectorsConfig is not null || request.StrictModeConfig is not null)
            throw FakeQdrantErrors.NotInFake("collection updates other than metadata");
        lock (sync) foreach (var (k, v) in request.Metadata) metadata[k] = v.Clone();
    }

    public CollectionInfo Info()
    {
        var info = new CollectionInfo { Status = CollectionStatus.Green, PointsCount = (ulong)PointCount, Config = new CollectionConfig() };
        lock (sync) foreach (var (k, v) in metadata) info.Config.Metadata.Add(k, v.Clone());
        return info;
    }

    /// <summary>Counts per value of an indexed keyword key, most frequent first (ties by value), as Qdrant's facet does.</summary>
    public FacetResponse Facet(FacetCounts request)
    {
        if (!PayloadIndexes.ContainsKey(request.Key))
            throw FakeQdrantErrors.BadInput($"Bad request: Index required but not found for \"{request.Key}\" of one of the following types: [keyword, integer, bool, uuid]. Help: Create an index for this key or use a different filter.");
        var condition = Compile(request.Filter);
        var limit = request.HasLimit ? (int)Math.Min(request.Limit, int.MaxValue) : 10;
        lock (sync)
        {
            var counts = Matching(condition).SelectMany(p => Values(p.Payload, request.Key))
                .Where(v => v.KindCase == Value.KindOneofCase.StringValue).GroupBy(v => v.StringValue)
                .Select(g => (Value: g.Key, Count: g.Count())).OrderByDescending(g => g.Count).ThenBy(g => g.Value, StringComparer.Ordinal).Take(limit);
            var response = new FacetResponse();
            foreach (var (value, count) in counts) response.Hits.Add(new FacetHit { Value = new FacetValue { StringValue = value }, Count = (ulong)count });
            return response;
        }
    }
}
