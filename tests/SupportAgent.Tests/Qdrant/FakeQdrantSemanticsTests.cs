using Grpc.Core;
using Qdrant.Client;
using Qdrant.Client.Grpc;
using SupportAgent.Tests.Fakes.Qdrant;
using static Qdrant.Client.Grpc.Conditions;

namespace SupportAgent.Tests.Qdrant;

/// <summary>
/// The fake answers the official client the way Qdrant 1.19 does: RRF with k = 2, sparse scores weighted by the
/// collection's idf, filters, payload indexes, and Qdrant's status codes and messages. Driven through Qdrant.Client
/// itself, so the wire format is the real one in both directions.
/// </summary>
public sealed class FakeQdrantSemanticsTests : IAsyncLifetime
{
    private FakeQdrantServer server = null!;
    private QdrantClient client = null!;

    public async Task InitializeAsync()
    {
        server = await FakeQdrantServer.StartAsync(apiKey: "k");
        client = new QdrantClient(new QdrantGrpcClient(server.Url, "k"), TimeSpan.FromSeconds(30));
        await client.CreateCollectionAsync(new CreateCollection
        {
            CollectionName = "docs",
            VectorsConfig = new VectorsConfig { ParamsMap = new VectorParamsMap { Map = { ["dense"] = new VectorParams { Size = 2, Distance = Distance.Cosine } } } },
            SparseVectorsConfig = new SparseVectorConfig { Map = { ["sparse"] = new SparseVectorParams { Modifier = Modifier.Idf } } },
        });
        // Term 1 is in every point (idf low), term 2 in one (idf high).
        await client.UpsertAsync("docs", [
            Point(1, "acme", [1, 0], (1, 1f), (2, 2f)),
            Point(2, "acme", [0.6f, 0.8f], (1, 3f)),
            Point(3, "globex", [0, 1], (1, 1f)),
        ]);
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await server.DisposeAsync();
    }

    private static PointStruct Point(ulong id, string tenant, float[] dense, params (uint Index, float Value)[] sparse) => new()
    {
        Id = id,
        Vectors = new Dictionary<string, Vector>
        {
            ["dense"] = new Vector { Dense = new DenseVector { Data = { dense } } },
            ["sparse"] = new Vector { Sparse = new SparseVector { Indices = { sparse.Select(s => s.Index) }, Values = { sparse.Select(s => s.Value) } } },
        },
        Payload = { ["tenant_id"] = tenant, ["tags"] = new[] { "faq", tenant } },
    };

    private static Query Sparse(params (uint Index, float Value)[] terms) =>
        new() { Nearest = new VectorInput { Sparse = new SparseVector { Indices = { terms.Select(t => t.Index) }, Values = { terms.Select(t => t.Value) } } } };

    private static double Idf(int n, int df) => Math.Log((n - df + 0.5) / (df + 0.5) + 1);

    [Fact]
    public async Task SparseScoresAreDotProductsWeightedByTheCollectionsIdf()
    {
        var hits = await client.QueryAsync("docs", Sparse((1, 1f), (2, 1f)), usingVector: "sparse", payloadSelector: true);

        Assert.Equal([1ul, 2ul, 3ul], hits.Select(h => h.Id.Num));
        Assert.Equal(1 * Idf(3, 3) + 2 * Idf(3, 1), hits[0].Score, 4);
        Assert.Equal(3 * Idf(3, 3), hits[1].Score, 4);
        Assert.Equal("acme", hits[0].Payload["tenant_id"].StringValue);
    }

    [Fact]
    public async Task ASparseQueryFindsOnlyPointsThatShareATerm()
    {
        Assert.Equal([1ul], (await client.QueryAsync("docs", Sparse((2, 1f)), usingVector: "sparse")).Select(h => h.Id.Num));
        Assert.Empty(await client.QueryAsync("docs", Sparse((99, 1f)), usingVector: "sparse"));
    }

    [Fact]
    public async Task RrfFusesPrefetchRanksWithKTwoSoATopHitInBothListsScoresOne()
    {
        var hits = await client.QueryAsync("docs", Fusion.Rrf,
            prefetch: [new PrefetchQuery { Query = Sparse((2, 1f)), Using = "sparse" },
                       new PrefetchQuery { Query = new float[] { 1, 0 }, Using = "dense" }]);

        // Point 1 is first in both lists: 1/2 + 1/2. Point 2 is second among the dense hits only: 1/3.
        Assert.Equal(1ul, hits[0].Id.Num);
        Assert.Equal(1.0, hits[0].Score, 5);
        Assert.Equal(2ul, hits[1].Id.Num);
        Assert.Equal(1.0 / 3, hits[1].Score, 5);
    }

    [Fact]
    public async Task TheTopLevelFilterAppliesInsideEveryPrefetch()
    {
        var hits = await client.QueryAsync("docs", Fusion.Rrf,
            prefetch: [new PrefetchQuery { Query = Sparse((1, 1f)), Using = "sparse" }, new PrefetchQuery { Query = new float[] { 0, 1 }, Using = "dense" }],
            filter: MatchKeyword("tenant_id", "globex"));

        Assert.Equal([3ul], hits.Select(h => h.Id.Num));
    }

    [Fact]
    public async Task FiltersCombineMustShouldMustNotHasIdAndKeywordLists()
    {
        async Task<ulong[]> CountedIds(Filter filter) =>
            [.. (await client.ScrollAsync("docs", filter, limit: 10)).Result.Select(p => p.Id.Num)];

        Assert.Equal(new ulong[] { 1ul, 2ul }, await CountedIds(new Filter { Must = { MatchKeyword("tenant_id", "acme") } }));
        Assert.Equal(new ulong[] { 2ul }, await CountedIds(new Filter { Must = { MatchKeyword("tags", "acme") }, MustNot = { HasId([1ul]) } }));
        Assert.Equal(new ulong[] { 1ul, 3ul }, await CountedIds(new Filter { Should = { HasId([1ul]), MatchKeyword("tenant_id", "globex") } }));
        Assert.Equal(new ulong[] { 3ul }, await CountedIds(new Filter { Must = { Match("tenant_id", ["globex", "initech"]) } }));
        Assert.Equal(new ulong[] { 1ul, 2ul }, await CountedIds(new Filter { Must = { MatchExcept("tenant_id", ["globex"]) } }));
        Assert.Equal(2ul, await client.CountAsync("docs", new Filter { Must = { MatchKeyword("tags", "faq") }, MustNot = { MatchKeyword("tenant_id", "globex") } }));
    }

    [Fact]
    public async Task ScrollPagesInIdOrderAndDeleteByFilterRemovesOnlyMatches()
    {
        var first = await client.ScrollAsync("docs", limit: 2);
        await client.DeleteAsync("docs", MatchKeyword("tenant_id", "acme"));

        Assert.Equal([1ul, 2ul], first.Result.Select(p => p.Id.Num));
        Assert.Equal(3ul, first.NextPageOffset.Num);
        Assert.Equal(1ul, await client.CountAsync("docs"));
    }

    [Fact]
    public async Task ATenantPayloadIndexIsKeptWithItsIsTenantFlag()
    {
        await client.CreatePayloadIndexAsync("docs", "tenant_id", PayloadSchemaType.Keyword,
            new PayloadIndexParams { KeywordIndexParams = new KeywordIndexParams { IsTenant = true } });

        var (type, parameters) = server.Collections["docs"].PayloadIndexes["tenant_id"];
        Assert.Equal(Fakes.Qdrant.Wire.FieldType.Keyword, type);
        Assert.True(parameters!.KeywordIndexParams.IsTenant);
    }

    [Fact]
    public async Task ErrorsCarryQdrantsStatusCodesAndMessages()
    {
        var missing = await Assert.ThrowsAsync<RpcException>(() => client.CountAsync("nope"));
        var twice = await Assert.ThrowsAsync<RpcException>(() => client.CreateCollectionAsync("docs", new VectorParams { Size = 2, Distance = Distance.Dot }));
        var wrongSize = await Assert.ThrowsAsync<RpcException>(() => client.UpsertAsync("docs", [Point(9, "acme", [1, 0, 0], (1, 1f))]));
        var unknownVector = await Assert.ThrowsAsync<RpcException>(() => client.QueryAsync("docs", new float[] { 1, 0 }, usingVector: "colbert"));

        Assert.Equal((StatusCode.NotFound, "Not found: Collection `nope` doesn't exist!"), (missing.StatusCode, missing.Status.Detail));
        Assert.Equal((StatusCode.AlreadyExists, "Wrong input: Collection `docs` already exists!"), (twice.StatusCode, twice.Status.Detail));
        Assert.Equal((StatusCode.InvalidArgument, "Wrong input: Vector dimension error: expected dim: 2, got 3"), (wrongSize.StatusCode, wrongSize.Status.Detail));
        Assert.Equal((StatusCode.InvalidArgument, "Wrong input: Not existing vector name error: colbert"), (unknownVector.StatusCode, unknownVector.Status.Detail));
        Assert.Equal(3ul, await client.CountAsync("docs")); // the refused batch stored nothing
    }

    [Fact]
    public async Task CallsWithoutTheApiKeyAreRefusedAsUnauthenticated()
    {
        using var anonymous = new QdrantClient(new QdrantGrpcClient(server.Url));

        var error = await Assert.ThrowsAsync<RpcException>(() => anonymous.CollectionExistsAsync("docs"));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal("Must provide an API key or an Authorization bearer token", error.Status.Detail);
    }
}
