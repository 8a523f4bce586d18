using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using SupportAgent.Core.Retrieval;
using SupportAgent.Core.Retrieval.Qdrant;
using SupportAgent.Tests.Fakes;
using SupportAgent.Tests.Fakes.Qdrant;
using SupportAgent.Tests.Fakes.Qdrant.Wire;

namespace SupportAgent.Tests.Qdrant;

/// <summary>QdrantIndex's contract with Qdrant over gRPC: collection layout, waits, the hybrid query, auth, deadlines, replace order.</summary>
public sealed class QdrantIndexTests : QdrantTestBase
{
    private static string TenantOf(Filter filter) =>
        filter.Must.Single(c => c.Field?.Key == "tenant_id").Field.Match.Keyword;

    [Fact]
    public async Task OneCollectionPerEmbeddingModelIsCreatedOnFirstUseWithNamedDenseAndIdfSparseVectorsAndATenantIndex()
    {
        var index = Index();
        await index.ReplaceDocumentAsync("acme", "faq", [Entry("c1", "Gift wrapping costs 4 euros.")], default);
        await index.ReplaceDocumentAsync("globex", "faq", [Entry("c1", "Gift wrapping is free.")], default);

        var collection = Assert.Single(Server.Collections.Values);
        Assert.Equal($"test_{BagOfWordsEmbeddings.ModelId}_64", collection.Name);
        Assert.Equal((64ul, Distance.Cosine), collection.DenseVectors["dense"]);
        Assert.Equal(Modifier.Idf, collection.SparseVectors["sparse"]);
        var (type, parameters) = collection.PayloadIndexes["tenant_id"];
        Assert.Equal(FieldType.Keyword, type);
        Assert.True(parameters!.KeywordIndexParams.IsTenant);
        Assert.Equal(FieldType.Keyword, collection.PayloadIndexes["document_id"].Type);
        Assert.Equal(2, collection.PointCount);
        Assert.Equal(1, Calls("Create"));
    }

    [Fact]
    public async Task AnIndexStartingAgainstAnExistingCollectionUsesItWithoutCreatingIt()
    {
        await Index().ReplaceDocumentAsync("acme", "faq", [Entry("c1", "Gift wrapping costs 4 euros.")], default);

        var restarted = Index();
        var hits = await Search(restarted, "gift wrapping");

        Assert.Equal("c1", Assert.Single(hits).Chunk.ChunkId);
        Assert.Equal(1, Calls("Create"));
        Assert.Equal(2, Calls("CollectionExists"));
    }

    [Fact]
    public async Task WritesWaitForQdrantAndTheQueryFusesASparseAndADensePrefetchWithRrfUnderTheTenantFilter()
    {
        var index = Index();
        await index.ReplaceDocumentAsync("acme", "faq", [Entry("c1", "Gift wrapping costs 4 euros."), Entry("c2", "Parcels ship daily.")], default);

        var hits = await Search(index, "How much is gift wrapping?");

        Assert.Equal("c1", hits[0].Chunk.ChunkId);
        Assert.All(Server.Calls.Select(c => c.Request).OfType<UpsertPoints>(), u => Assert.True(u.Wait));
        Assert.All(Server.Calls.Select(c => c.Request).OfType<DeletePoints>(), d => Assert.True(d.Wait));
        var query = Server.Calls.Select(c => c.Request).OfType<QueryPoints>().Last();
        Assert.Equal(Fusion.Rrf, query.Query.Fusion);
        Assert.Equal(["sparse", "dense"], query.Prefetch.Select(p => p.Using));
        Assert.True(query.WithPayload.Enable);
        Assert.Equal(5ul, query.Limit);
        Assert.Equal("acme", TenantOf(query.Filter));
        Assert.All(query.Prefetch, p => Assert.Equal("acme", TenantOf(p.Filter)));
        Assert.Equal(VectorInput.VariantOneofCase.Sparse, query.Prefetch[0].Query.Nearest.VariantCase);
        Assert.Equal(64, query.Prefetch[1].Query.Nearest.Dense.Data.Count);
    }

    [Fact]
    public async Task ARefusedRequestIsNotRetriedAndCarriesQdrantsErrorMessage()
    {
        var index = Index();
        var wrongSize = new IndexEntry(new IndexedChunk("c1", "faq", "FAQ", null, "Gift wrapping", null), [0.1f, 0.2f, 0.3f]);

        var error = await Assert.ThrowsAsync<QdrantException>(() => index.ReplaceDocumentAsync("acme", "faq", [wrongSize], default));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.False(error.IsTransient);
        Assert.Contains("Vector dimension error: expected dim: 64, got 3", error.Message);
        Assert.Equal(1, Calls("Upsert"));
        Assert.Equal(0, Calls("Delete"));
    }

    [Fact]
    public async Task TheApiKeyIsSentOnEveryCallAndAMissingOrWrongKeyIsReportedWithQdrantsMessage()
    {
        await using var secured = await FakeQdrantServer.StartAsync(apiKey: "s3cret");
        IKnowledgeIndex WithKey(string? key) => Track(QdrantTestServices.Build(secured.Url, null, ("SupportAgent:Qdrant:ApiKey", key)))
            .GetRequiredKeyedService<IKnowledgeIndex>("qdrant");

        await WithKey("s3cret").ReplaceDocumentAsync("acme", "faq", [Entry("c1", "Gift wrapping costs 4 euros.")], default);
        var keyed = secured.Calls.ToList();
        var missing = await Assert.ThrowsAsync<QdrantException>(() => WithKey(null).DeleteDocumentAsync("acme", "faq", default));
        var wrong = await Assert.ThrowsAsync<QdrantException>(() => WithKey("guess").DeleteDocumentAsync("acme", "faq", default));

        Assert.Equal(["CollectionExists", "Create", "CreateFieldIndex", "CreateFieldIndex", "List", "Upsert", "Delete"], keyed.Select(c => c.Method));
        Assert.All(keyed, c => Assert.Equal("s3cret", c.ApiKey));
        Assert.Equal(StatusCode.Unauthenticated, missing.StatusCode);
        Assert.Contains("Must provide an API key", missing.Message);
        Assert.Contains("Invalid API key or JWT", wrong.Message);
        Assert.False(wrong.IsTransient);
    }

    [Fact]
    public async Task EachOperationMakesTheCallsQdrantExpectsInOrder()
    {
        var index = Index();

        await index.ReplaceDocumentAsync("acme", "faq", [Entry("c1", "Gift wrapping costs 4 euros.")], default);
        await Search(index, "gift wrapping");
        await index.ChunkIdsAsync("acme", "faq", default);
        await index.CountAsync("acme", null, default);
        await index.DeleteDocumentAsync("acme", "faq", default);

        Assert.Equal(["CollectionExists", "Create", "CreateFieldIndex", "CreateFieldIndex", "List", "Upsert", "Delete", "Query", "Scroll", "Count", "Delete"],
            Server.Calls.Select(c => c.Method));
    }

    [Fact]
    public async Task EveryCallTellsQdrantADeadlineJustPastTheConfiguredTimeout()
    {
        var index = Index(("SupportAgent:Qdrant:TimeoutSeconds", "30"));
        var sent = TimeSpan.FromSeconds(30) + QdrantConnection.WireDeadlineMargin;
        var before = DateTime.UtcNow;

        await index.ReplaceDocumentAsync("acme", "faq", [Entry("c1", "Gift wrapping costs 4 euros.")], default);
        await Search(index, "gift wrapping");
        await index.CountAsync("acme", null, default);

        var after = DateTime.UtcNow;
        // The deadline travels as grpc-timeout, relative to each call's start, so it lies between these bounds.
        Assert.All(Server.Calls, c => Assert.InRange(c.Deadline, before + sent - TimeSpan.FromSeconds(1), after + sent + TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task ReplacingADocumentUpsertsBeforeRemovingOnlyItsStaleChunksSoItIsNeverEmpty()
    {
        var index = Index();
        await index.ReplaceDocumentAsync("acme", "faq", [Entry("v1:0", "Gift wrapping costs 4 euros."), Entry("v1:1", "Cards are free.")], default);
        var before = Server.Calls.Count;

        await index.ReplaceDocumentAsync("acme", "faq", [Entry("v2:0", "Gift wrapping costs 5 euros.")], default);

        var replace = Server.Calls.Skip(before).ToList();
        Assert.Equal(["Upsert", "Delete"], replace.Select(r => r.Method));
        var delete = ((DeletePoints)replace[1].Request).Points.Filter;
        Assert.Equal("acme", TenantOf(delete));
        Assert.Equal("faq", delete.Must.Single(c => c.Field?.Key == "document_id").Field.Match.Keyword);
        Assert.Equal(PointIds.For("acme", "v2:0"), Assert.Single(Assert.Single(delete.MustNot).HasId.HasId).Uuid);
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
        Assert.Equal([256, 44, 1], Server.Calls.Select(c => c.Request).OfType<UpsertPoints>().Select(u => u.Points.Count));
        var scrolls = Server.Calls.Select(c => c.Request).OfType<ScrollPoints>().ToList();
        Assert.Equal(2, scrolls.Count);
        Assert.All(scrolls, s => Assert.Equal("acme", TenantOf(s.Filter)));
    }
}
