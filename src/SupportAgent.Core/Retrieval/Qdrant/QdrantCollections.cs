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
/// Its metadata names the deployment's collection prefix as owner, so after a change of embedding model the earlier
/// collections are found by that owner, never by name alone: another deployment sharing the Qdrant server under a
/// prefix such as <c>{prefix}_staging</c> is never mistaken for ours.
/// </summary>
internal sealed class QdrantCollections(QdrantCalls calls, QdrantOptions o,
    IEmbeddingGenerator<string, Embedding<float>>? embedder, ILogger log)
{
    /// <summary>Collection metadata key naming the owning deployment's collection prefix.</summary>
    public const string OwnerKey = "supportagent_owner";

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
            else // made before collections recorded their owner: Qdrant merges metadata (and an empty vectors diff changes nothing)
                await calls.RunAsync("collection owner", (client, t) => client.UpdateCollectionAsync(c.Name, vectorsConfig: new VectorParamsDiffMap(), metadata: Owner(), cancellationToken: t), ct);
            // Re-creating an identical payload index is a no-op in Qdrant, so this also repairs a half-made collection.
            await calls.RunAsync("tenant index", (client, t) => client.CreatePayloadIndexAsync(c.Name, TenantKey, PayloadSchemaType.Keyword,
                new PayloadIndexParams { KeywordIndexParams = new KeywordIndexParams { IsTenant = true } }, wait: true, cancellationToken: t), ct);
            await calls.RunAsync("document index", (client, t) => client.CreatePayloadIndexAsync(c.Name, DocumentKey, PayloadSchemaType.Keyword, wait: true, cancellationToken: t), ct);
            return collection = c with { Previous = await PreviousAsync(c, ct) };
        }
        finally { gate.Release(); }
    }

    /// <summary>Our other collections (earlier embedding models), when an embedder can give their points new vectors.</summary>
    private async Task<IReadOnlyList<string>> PreviousAsync(QdrantCollection current, CancellationToken ct)
    {
        if (current.DenseSize is null) return [];
        var previous = new List<string>();
        var names = await calls.RunAsync("collection list", (client, t) => client.ListCollectionsAsync(t), ct);
        foreach (var name in names.Where(n => n != current.Name && n.StartsWith($"{o.Collection}_", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var info = await calls.RunAsync("collection info", (client, t) => client.GetCollectionInfoAsync(name, t), ct);
            if (info.Config?.Metadata is { } metadata && metadata.TryGetValue(OwnerKey, out var owner) && owner.StringValue == o.Collection)
                previous.Add(name);
        }
        if (previous.Count > 0)
            log.LogInformation("Qdrant collections of earlier embedding models {Previous}: their points move to {Collection} as tenants are re-embedded", previous, current.Name);
        return previous;
    }

    private Dictionary<string, Value> Owner() => new() { [OwnerKey] = o.Collection };

    public void Forget(QdrantCollection c) => Interlocked.CompareExchange(ref collection, null, c);

    private CreateCollection Definition(QdrantCollection c)
    {
        var create = new CreateCollection
        {
            CollectionName = c.Name,
            SparseVectorsConfig = new SparseVectorConfig { Map = { [Sparse] = new SparseVectorParams { Modifier = Modifier.Idf } } },
            Metadata = { Owner() },
        };
        if (c.DenseSize is { } size)
            create.VectorsConfig = new VectorsConfig { ParamsMap = new VectorParamsMap { Map = { [Dense] = new VectorParams { Size = (ulong)size, Distance = Distance.Cosine } } } };
        if (o.ShardNumber is { } shards) create.ShardNumber = (uint)shards;
        if (o.ReplicationFactor is { } replicas) create.ReplicationFactor = (uint)replicas;
        if (o.WriteConsistencyFactor is { } consistency) create.WriteConsistencyFactor = (uint)consistency;
        return create;
    }
}
