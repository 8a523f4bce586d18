using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportAgent.Core.Retrieval.Qdrant;

// The subset of Qdrant 1.19's REST schema the index uses, named as on the wire (snake_case, see QdrantClient.Json).

/// <summary><c>{"result": T, "status": "ok", "time": s}</c>, or <c>{"status": {"error": "…"}, "time": s}</c> on failure.</summary>
internal sealed record QdrantEnvelope<T>(T? Result, JsonElement Status, double Time);

internal sealed record CollectionExistence(bool Exists);

internal sealed record UpdateResult(long? OperationId, string Status);

internal sealed record CountResult(long Count);

internal sealed record QueryResponse(IReadOnlyList<ScoredPoint> Points);

internal sealed record ScoredPoint(JsonElement Id, long Version, double Score, ChunkPayload? Payload);

/// <summary>What each point carries: the tenant key (indexed <c>is_tenant</c>) and everything needed to cite the chunk.</summary>
internal sealed record ChunkPayload(string TenantId, string DocumentId, string ChunkId, string Title, string? Heading, string Text, string? Url);

internal sealed record QdrantPoint(string Id, Dictionary<string, object> Vector, ChunkPayload Payload);

internal sealed record PointsList(IReadOnlyList<QdrantPoint> Points);

internal sealed record CreateCollection(
    Dictionary<string, VectorParams>? Vectors, Dictionary<string, SparseVectorParams> SparseVectors,
    int? ShardNumber, int? ReplicationFactor, int? WriteConsistencyFactor);

/// <param name="Distance">Case-sensitive on the wire: <c>Cosine</c>.</param>
internal sealed record VectorParams(int Size, string Distance);

internal sealed record SparseVectorParams(string Modifier);

internal sealed record CreateFieldIndex(string FieldName, KeywordIndexParams FieldSchema);

internal sealed record KeywordIndexParams(string Type, bool IsTenant);

/// <summary>A filter; <see cref="Must"/> always starts with the tenant condition (see <see cref="QdrantFilter.ForTenant"/>).</summary>
internal sealed record QdrantFilter(IReadOnlyList<object> Must, IReadOnlyList<object>? MustNot = null)
{
    public static QdrantFilter ForTenant(string tenantId, IEnumerable<object>? must = null, IReadOnlyList<object>? mustNot = null) =>
        new([Match("tenant_id", tenantId), .. must ?? []], mustNot);

    public static FieldCondition Match(string key, string value) => new(key, new MatchValue(value));
}

internal sealed record FieldCondition(string Key, MatchValue Match);

internal sealed record MatchValue(string Value);

internal sealed record HasIdCondition(IReadOnlyList<string> HasId);

internal sealed record FilterSelector(QdrantFilter Filter);

/// <param name="Offset">The point id to start from: the previous page's <c>next_page_offset</c>.</param>
internal sealed record ScrollRequest(QdrantFilter Filter, int Limit, JsonElement? Offset, bool WithPayload = true);

internal sealed record ScrollResponse(IReadOnlyList<ScoredPoint> Points, JsonElement? NextPageOffset);

internal sealed record CountRequest(QdrantFilter Filter, bool Exact = true);

/// <param name="Query">A dense vector (<c>float[]</c>), a <see cref="SparseVector"/>, or a fusion such as <see cref="RrfFusion"/>.</param>
internal sealed record Prefetch(object Query, string Using, int Limit);

internal sealed record QueryRequest(
    object Query, QdrantFilter Filter, int Limit, bool WithPayload,
    string? Using = null, IReadOnlyList<Prefetch>? Prefetch = null);

internal sealed record RrfFusion([property: JsonPropertyName("fusion")] string Fusion = "rrf");
