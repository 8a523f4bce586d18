using Google.Protobuf.Collections;
using Qdrant.Client.Grpc;
using static Qdrant.Client.Grpc.Conditions;

namespace SupportAgent.Core.Retrieval.Qdrant;

/// <summary>
/// How chunks look in Qdrant: a point per chunk with a deterministic id, the named <c>sparse</c> (lexical terms,
/// Qdrant adds idf) and <c>dense</c> vectors, and a payload carrying the tenant key and everything needed to cite the
/// chunk. Filters are built here only, and always start with the tenant condition.
/// </summary>
internal static class QdrantPoints
{
    public const string Dense = "dense", Sparse = "sparse";
    public const string TenantKey = "tenant_id", DocumentKey = "document_id";
    private const string ChunkKey = "chunk_id", TitleKey = "title", HeadingKey = "heading", TextKey = "text", UrlKey = "url";

    public static PointStruct ToPoint(string tenantId, string documentId, IndexEntry entry, QdrantCollection c)
    {
        var chunk = entry.Chunk;
        var point = new PointStruct { Id = Guid.Parse(PointIds.For(tenantId, chunk.ChunkId)), Vectors = new Vectors { Vectors_ = new NamedVectors() } };
        var sparse = SparseVectors.FromText($"{chunk.Title} {chunk.Heading} {chunk.Text}");
        if (!sparse.IsEmpty) point.Vectors.Vectors_.Vectors.Add(Sparse, new Vector { Sparse = ToSparse(sparse) });
        if (c.DenseSize is not null && entry.Vector is { } dense)
            point.Vectors.Vectors_.Vectors.Add(Dense, new Vector { Dense = new DenseVector { Data = { dense } } });
        point.Payload.Add(TenantKey, tenantId);
        point.Payload.Add(DocumentKey, documentId);
        point.Payload.Add(ChunkKey, chunk.ChunkId);
        point.Payload.Add(TitleKey, chunk.Title);
        if (chunk.Heading is not null) point.Payload.Add(HeadingKey, chunk.Heading);
        point.Payload.Add(TextKey, chunk.Text);
        if (chunk.Url is not null) point.Payload.Add(UrlKey, chunk.Url);
        return point;
    }

    public static SparseVector ToSparse(SparseTerms terms) => new() { Indices = { terms.Indices }, Values = { terms.Values } };

    /// <summary>The tenant's points, narrowed by <paramref name="must"/>, minus <paramref name="mustNot"/>.</summary>
    public static Filter ForTenant(string tenantId, IEnumerable<Condition>? must = null, IEnumerable<Condition>? mustNot = null)
    {
        var filter = new Filter { Must = { MatchKeyword(TenantKey, tenantId) } };
        if (must is not null) filter.Must.Add(must);
        if (mustNot is not null) filter.MustNot.Add(mustNot);
        return filter;
    }

    public static Condition OfDocument(string documentId) => MatchKeyword(DocumentKey, documentId);

    public static string? TenantOf(MapField<string, Value> payload) => Text(payload, TenantKey);

    public static string? ChunkIdOf(MapField<string, Value> payload) => Text(payload, ChunkKey);

    /// <summary>Null when the payload is not one this index wrote (a foreign point in a shared collection).</summary>
    public static IndexedChunk? ToChunk(MapField<string, Value> payload) =>
        (Text(payload, ChunkKey), Text(payload, DocumentKey), Text(payload, TitleKey), Text(payload, TextKey)) is ({ } chunk, { } document, { } title, { } text)
            ? new IndexedChunk(chunk, document, title, Text(payload, HeadingKey), text, Text(payload, UrlKey))
            : null;

    private static string? Text(MapField<string, Value> payload, string key) =>
        payload.TryGetValue(key, out var v) && v.KindCase == Value.KindOneofCase.StringValue ? v.StringValue : null;
}
