using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SupportAgent.Core.Retrieval;
using SupportAgent.Core.Retrieval.Qdrant;
using SupportAgent.Tests.Fakes;

namespace SupportAgent.Tests.Qdrant;

/// <summary>QdrantIndex's own contract with Qdrant: collection layout, waits, retries, errors, timeouts, auth.</summary>
public sealed class QdrantIndexTests : IAsyncLifetime
{
    private static readonly BagOfWordsEmbeddings Embeddings = new();
    private FakeQdrantServer server = null!;
    private readonly List<ServiceProvider> providers = [];

    public async Task InitializeAsync() => server = await FakeQdrantServer.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var p in providers) await p.DisposeAsync();
        await server.DisposeAsync();
    }

    private QdrantIndex Index(params (string, string?)[] settings)
    {
        var provider = QdrantTestServices.Build(server.Url, settings);
        providers.Add(provider);
        return (QdrantIndex)provider.GetRequiredKeyedService<IKnowledgeIndex>("qdrant");
    }

    private static IndexEntry Entry(string chunkId, string text) =>
        new(new IndexedChunk(chunkId, "faq", "FAQ", null, text, null), Embeddings.Embed(text));

    private static Task<IReadOnlyList<SearchHit>> Search(QdrantIndex index, string text, CancellationToken ct = default) =>
        index.SearchAsync("acme", new SearchQuery(text, 5, Embeddings.Embed(text)), ct);

    private int Calls(string pathEnd) => server.Requests.Count(r => r.Path.EndsWith(pathEnd));

    [Fact]
    public async Task OneCollectionPerEmbeddingModelIsCreatedOnFirstUseWithNamedDenseAndIdfSparseVectorsAndATenantIndex()
    {
        var index = Index();
        await index.ReplaceDocumentAsync("acme", "faq", [Entry("c1", "Gift wrapping costs 4 euros.")], default);
        await index.ReplaceDocumentAsync("globex", "faq", [Entry("c1", "Gift wrapping is free.")], default);

        var collection = Assert.Single(server.Collections.Values);
        Assert.Equal($"test_{BagOfWordsEmbeddings.ModelId}_64", collection.Name);
        Assert.Equal((64, "Cosine"), collection.DenseVectors["dense"]);
        Assert.Equal("idf", collection.SparseVectors["sparse"]);
        var tenantIndex = collection.PayloadIndexes["tenant_id"]!;
        Assert.Equal("keyword", tenantIndex["type"]!.GetValue<string>());
        Assert.True(tenantIndex["is_tenant"]!.GetValue<bool>());
        Assert.Equal(2, collection.PointCount);
        Assert.Equal(1, Calls("/collections/" + collection.Name));
    }

    [Fact]
    public async Task WritesWaitForQdrantAndTheQueryFusesASparseAndADensePrefetchWithRrf()
    {
        var index = Index();
        await index.ReplaceDocumentAsync("acme", "faq", [Entry("c1", "Gift wrapping costs 4 euros."), Entry("c2", "Parcels ship daily.")], default);

        var hits = await Search(index, "How much is gift wrapping?");

        Assert.Equal("c1", hits[0].Chunk.ChunkId);
        Assert.All(server.Requests.Where(r => r.Path.EndsWith("/points") || r.Path.EndsWith("/delete")), r => Assert.Equal("?wait=true", r.Query));
        var query = server.Requests.Last(r => r.Path.EndsWith("/points/query")).Body!;
        Assert.Equal("rrf", query["query"]!["fusion"]!.GetValue<string>());
        Assert.Equal(["sparse", "dense"], query["prefetch"]!.AsArray().Select(p => p!["using"]!.GetValue<string>()));
        Assert.True(query["with_payload"]!.GetValue<bool>());
        Assert.Equal("acme", query["filter"]!["must"]![0]!["match"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task ARateLimitedCallIsRetriedAfterTheServersRetryAfter()
    {
        var index = Index();
        await index.ReplaceDocumentAsync("acme", "faq", [Entry("c1", "Gift wrapping costs 4 euros.")], default);
        server.FailNext(1, HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromSeconds(1));

        var watch = Stopwatch.StartNew();
        var hits = await Search(index, "gift wrapping");

        Assert.Equal("c1", Assert.Single(hits).Chunk.ChunkId);
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
        Assert.Equal(2, Calls("/points/query"));
    }

    [Fact]
    public async Task AnUnavailableShardIsRetriedWithBackoffUntilItAnswers()
    {
        var index = Index();
        await index.ReplaceDocumentAsync("acme", "faq", [Entry("c1", "Gift wrapping costs 4 euros.")], default);
        server.FailNext(2, HttpStatusCode.ServiceUnavailable);

        var hits = await Search(index, "gift wrapping");

        Assert.Single(hits);
        Assert.Equal(3, Calls("/points/query"));
    }

    [Fact]
    public async Task LastingUnavailabilityEndsInATransientQdrantExceptionAfterTheConfiguredRetries()
    {
        var index = Index(("SupportAgent:Qdrant:MaxRetries", "2"));
        await index.ReplaceDocumentAsync("acme", "faq", [Entry("c1", "Gift wrapping costs 4 euros.")], default);
        server.FailNext(10, HttpStatusCode.ServiceUnavailable);

        var error = await Assert.ThrowsAsync<QdrantException>(() => Search(index, "gift wrapping"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.True(error.IsTransient);
        Assert.Contains("Service unavailable", error.Message);
        Assert.Equal(3, Calls("/points/query"));
    }

    [Fact]
    public async Task ARefusedRequestIsNotRetriedAndCarriesQdrantsErrorMessage()
    {
        var index = Index();
        var wrongSize = new IndexEntry(new IndexedChunk("c1", "faq", "FAQ", null, "Gift wrapping", null), [0.1f, 0.2f, 0.3f]);

        var error = await Assert.ThrowsAsync<QdrantException>(() => index.ReplaceDocumentAsync("acme", "faq", [wrongSize], default));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.False(error.IsTransient);
        Assert.Contains("Vector dimension error: expected dim: 64, got 3", error.Message);
        Assert.Equal(1, server.Requests.Count(r => r.Method == "PUT" && r.Path.EndsWith("/points")));
    }

    [Fact]
    public async Task ASlowQdrantTimesOutQuicklyWithAClearException()
    {
        await Index().ReplaceDocumentAsync("acme", "faq", [Entry("c1", "Gift wrapping costs 4 euros.")], default);
        var impatient = Index(("SupportAgent:Qdrant:TimeoutSeconds", "0.3"));
        server.Delay = TimeSpan.FromSeconds(3);

        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<QdrantException>(() => Search(impatient, "gift wrapping"));

        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.25), TimeSpan.FromSeconds(2));
        Assert.Null(error.StatusCode);
        Assert.Contains("did not answer", error.Message);
    }

    [Fact]
    public async Task CancellationByTheCallerIsACancellationNotAnOutage()
    {
        var index = Index();
        await index.ReplaceDocumentAsync("acme", "faq", [Entry("c1", "Gift wrapping costs 4 euros.")], default);
        server.Delay = TimeSpan.FromSeconds(3);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Search(index, "gift wrapping", cts.Token));
    }

    [Fact]
    public async Task AQdrantThatIsDownIsReportedAsUnreachable()
    {
        var index = Index(("SupportAgent:Qdrant:MaxRetries", "1"));
        await server.StopAsync();

        var error = await Assert.ThrowsAsync<QdrantException>(() => Search(index, "gift wrapping"));

        Assert.Null(error.StatusCode);
        Assert.True(error.IsTransient);
        Assert.Contains("unreachable", error.Message);
    }

    [Fact]
    public async Task TheApiKeyIsSentWhenConfiguredAndItsAbsenceIsReportedWithQdrantsMessage()
    {
        await using var secured = await FakeQdrantServer.StartAsync(apiKey: "s3cret");
        var withKey = QdrantTestServices.Build(secured.Url, ("SupportAgent:Qdrant:ApiKey", "s3cret"));
        var withoutKey = QdrantTestServices.Build(secured.Url);
        providers.AddRange([withKey, withoutKey]);

        await withKey.GetRequiredKeyedService<IKnowledgeIndex>("qdrant").DeleteDocumentAsync("acme", "faq", default);
        var error = await Assert.ThrowsAsync<QdrantException>(() =>
            withoutKey.GetRequiredKeyedService<IKnowledgeIndex>("qdrant").DeleteDocumentAsync("acme", "faq", default));

        Assert.All(secured.Requests.Take(3), r => Assert.Equal("s3cret", r.ApiKey));
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Contains("Must provide an API key", error.Message);
    }

    [Fact]
    public async Task ReplacingADocumentUpsertsBeforeRemovingTheStaleChunksSoItIsNeverEmpty()
    {
        var index = Index();
        await index.ReplaceDocumentAsync("acme", "faq", [Entry("v1:0", "Gift wrapping costs 4 euros."), Entry("v1:1", "Cards are free.")], default);
        var before = server.Requests.Count;

        await index.ReplaceDocumentAsync("acme", "faq", [Entry("v2:0", "Gift wrapping costs 5 euros.")], default);

        var replace = server.Requests.Skip(before).ToList();
        Assert.Equal(["PUT", "POST"], replace.Select(r => r.Method));
        Assert.EndsWith("/points/delete", replace[1].Path);
        Assert.Equal(1, await index.CountAsync("acme", "faq", default));
        Assert.Equal("v2:0", Assert.Single(await Search(index, "gift wrapping")).Chunk.ChunkId);
    }

    [Fact]
    public async Task ACollectionDroppedBehindTheIndexsBackIsRecreatedOnTheNextCall()
    {
        var index = Index();
        await index.ReplaceDocumentAsync("acme", "faq", [Entry("c1", "Gift wrapping costs 4 euros.")], default);
        server.Collections.Clear();

        var error = await Assert.ThrowsAsync<QdrantException>(() => Search(index, "gift wrapping"));
        await index.ReplaceDocumentAsync("acme", "faq", [Entry("c1", "Gift wrapping costs 4 euros.")], default);

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Contains("doesn't exist", error.Message);
        Assert.Equal("c1", Assert.Single(await Search(index, "gift wrapping")).Chunk.ChunkId);
    }
}
