using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SupportAgent.Core.Retrieval;
using SupportAgent.Core.Retrieval.Qdrant;
using SupportAgent.Tests.Fakes;

namespace SupportAgent.Tests.Qdrant;

/// <summary>QdrantIndex's contract with Qdrant: collection layout, waits, the hybrid query, auth, replace order.</summary>
public sealed class QdrantIndexTests : QdrantTestBase
{
    [Fact]
    public async Task OneCollectionPerEmbeddingModelIsCreatedOnFirstUseWithNamedDenseAndIdfSparseVectorsAndATenantIndex()
    {
        var index = Index();
        await index.ReplaceDocumentAsync("acme", "faq", [Entry("c1", "Gift wrapping costs 4 euros.")], default);
        await index.ReplaceDocumentAsync("globex", "faq", [Entry("c1", "Gift wrapping is free.")], default);

        var collection = Assert.Single(Server.Collections.Values);
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
        Assert.All(Server.Requests.Where(r => r.Path.EndsWith("/points") || r.Path.EndsWith("/delete")), r => Assert.Equal("?wait=true", r.Query));
        var query = Server.Requests.Last(r => r.Path.EndsWith("/points/query")).Body!;
        Assert.Equal("rrf", query["query"]!["fusion"]!.GetValue<string>());
        Assert.Equal(["sparse", "dense"], query["prefetch"]!.AsArray().Select(p => p!["using"]!.GetValue<string>()));
        Assert.True(query["with_payload"]!.GetValue<bool>());
        Assert.Equal("acme", query["filter"]!["must"]![0]!["match"]!["value"]!.GetValue<string>());
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
        Assert.Equal(1, Server.Requests.Count(r => r.Method == "PUT" && r.Path.EndsWith("/points")));
    }

    [Fact]
    public async Task TheApiKeyIsSentWhenConfiguredAndItsAbsenceIsReportedWithQdrantsMessage()
    {
        await using var secured = await FakeQdrantServer.StartAsync(apiKey: "s3cret");
        var withKey = Track(QdrantTestServices.Build(secured.Url, ("SupportAgent:Qdrant:ApiKey", "s3cret")));
        var withoutKey = Track(QdrantTestServices.Build(secured.Url));

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
        var before = Server.Requests.Count;

        await index.ReplaceDocumentAsync("acme", "faq", [Entry("v2:0", "Gift wrapping costs 5 euros.")], default);

        var replace = Server.Requests.Skip(before).ToList();
        Assert.Equal(["PUT", "POST"], replace.Select(r => r.Method));
        Assert.EndsWith("/points/delete", replace[1].Path);
        Assert.Equal(1, await index.CountAsync("acme", "faq", default));
        Assert.Equal("v2:0", Assert.Single(await Search(index, "gift wrapping")).Chunk.ChunkId);
    }

    [Fact]
    public async Task ALargeDocumentIsUpsertedInBatchesAndListedPageByPageWithinItsTenant()
    {
        var index = Index();
        var entries = Enumerable.Range(0, 300).Select(i => Entry($"c{i}", $"Answer number {i} about parcels.")).ToList();
        await index.ReplaceDocumentAsync("acme", "faq", entries, default);
        await index.ReplaceDocumentAsync("globex", "faq", [Entry("g0", "Globex parcels.")], default);

        var ids = await index.ChunkIdsAsync("acme", "faq", default);

        Assert.Equal(entries.Select(e => e.Chunk.ChunkId).Order(), ids.Order());
        Assert.Equal(3, Server.Requests.Count(r => r.Method == "PUT" && r.Path.EndsWith("/points")));
        var scrolls = Server.Requests.Where(r => r.Path.EndsWith("/points/scroll")).ToList();
        Assert.Equal(2, scrolls.Count);
        Assert.All(scrolls, r => Assert.Equal("acme", r.Body!["filter"]!["must"]![0]!["match"]!["value"]!.GetValue<string>()));
    }
}
