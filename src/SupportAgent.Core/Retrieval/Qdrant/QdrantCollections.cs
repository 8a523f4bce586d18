using Grpc.Core;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Qdrant.Client.Grpc;
using static SupportAgent.Core.Retrieval.Qdrant.QdrantPoints;

namespace SupportAgent.Core.Retrieval.Qdrant;

/// <summary>
/// The collection the index writes to, created with its payload indexes on first use: named <c>dense</c> (cosine,
/// the embedding model's size) and <c>sparse</c> (idf) vectors, <c>tenant_id</c> as a keyword index with
/// <c>is_tenant</c> (Qdrant then co-locates each tenant's points), and <c>document_id</c> for replaces and deletes.
/// </summary>
internal sealed class QdrantCollections(QdrantCalls calls, QdrantOptions o,
    IEmbeddingGenerator<string, Embedding<float>>? embedder, ILogger log)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private QdrantCollection? collection;

    /// <summary>A failure leaves nothing cached, so the next call tries again.</summary>
    public async Task<QdrantCollection> OpenAsync(CancellationToken ct)
    {
        if (collection is { } ready) return ready;
        await gate.WaitAsync(ct);
        try
        {
            if (collection is not null) return collection;
            var c = await QdrantCollection.ForAsync(o.Collection, embedder, ct);
            if (!await calls.RunAsync("collection check", (client, t) => client.CollectionExistsAsync(c.Name, t), ct))
            {
                log.LogInformation("Creating Qdrant collection {Collection} (dense size {Size})", c.Name, c.DenseSize);
                try { await calls.RunAsync("collection create", (client, t) => client.CreateCollectionAsync(Definition(c), t), ct); }
                catch (QdrantException e) when (e.StatusCode == StatusCode.AlreadyExists) { } // another replica was quicker
            }
            // Re-creating an identical payload index is a no-op in Qdrant, so this also repairs a half-made collection.
            await calls.RunAsync("tenant index", (client, t) => client.CreatePayloadIndexAsync(c.Name, TenantKey, PayloadSchemaType.Keyword,
                new PayloadIndexParams { KeywordIndexParams = new KeywordIndexParams { IsTenant = true } }, wait: true, cancellationToken: t), ct);
            await calls.RunAsync("document index", (client, t) => client.CreatePayloadIndexAsync(c.Name, DocumentKey, PayloadSchemaType.Keyword, wait: true, cancellationToken: t), ct);
            return collection = c;
        }
        finally { gate.Release(); }
    }

    public void Forget(QdrantCollection c) => Interlocked.CompareExchange(ref collection, null, c);

    private CreateCollection Definition(QdrantCollection c)
    {
        var create = new CreateCollection
        {
            CollectionName = c.Name,
            SparseVectorsConfig = new SparseVectorConfig { Map = { [Sparse] = new SparseVectorParams { Modifier = Modifier.Idf } } },
        };
        if (c.DenseSize is { } size)
            create.VectorsConfig = new VectorsConfig { ParamsMap = new VectorParamsMap { Map = { [Dense] = new VectorParams { Size = (ulong)size, Distance = Distance.Cosine } } } };
        if (o.ShardNumber is { } shards) create.ShardNumber = (uint)shards;
        if (o.ReplicationFactor is { } replicas) create.ReplicationFactor = (uint)replicas;
        if (o.WriteConsistencyFactor is { } consistency) create.WriteConsistencyFactor = (uint)consistency;
        return create;
    }
}
