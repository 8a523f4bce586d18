using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SupportAgent.Core.Retrieval;
using SupportAgent.Core.Retrieval.Qdrant;
using SupportAgent.Core.Retrieval.Reembedding;
using SupportAgent.Tests.Fakes;
using SupportAgent.Tests.Fakes.Qdrant;

namespace SupportAgent.Tests.Qdrant;

/// <summary>
/// A change of embedding model over Qdrant: chunks move from the earlier model's collection to the new one, stay
/// findable by their words meanwhile, and neither another tenant nor another deployment sharing the server is touched.
/// </summary>
public sealed class QdrantReembeddingTests : QdrantTestBase
{
    /// <summary>The "new model": same words, another vector size, so another model id and collection.</summary>
    private static readonly BagOfWordsEmbeddings NewModel = new(32);
    private const string OldCollection = $"test_{BagOfWordsEmbeddings.ModelId}_64", NewCollection = $"test_{BagOfWordsEmbeddings.ModelId}_32";

    private QdrantIndex NewModelIndex(params (string, string?)[] settings) =>
        (QdrantIndex)Track(QdrantTestServices.Build(Server.Url, NewModel, null, settings)).GetRequiredKeyedService<IKnowledgeIndex>("qdrant");

    private static IndexEntry Entry(string documentId, string chunkId, string text, BagOfWordsEmbeddings? model = null) =>
        new(new IndexedChunk(chunkId, documentId, "Help", null, text, null), (model ?? Embeddings).Embed(text));

    private async Task SeedWithOldModelAsync()
    {
        var old = Index();
        await old.ReplaceDocumentAsync("acme", "wrap", [Entry("wrap", "wrap:v1:0", "Gift wrapping costs 4 euros.")], default);
        await old.ReplaceDocumentAsync("acme", "ship", [Entry("ship", "ship:v1:0", "Parcels to Canada arrive in 5 days.")], default);
        await old.ReplaceDocumentAsync("globex", "wrap", [Entry("wrap", "wrap:v1:0", "Gift wrapping is free at Globex.")], default);
    }

    private static Task<IReadOnlyList<SearchHit>> SearchAsync(QdrantIndex index, string tenant, string text) =>
        index.SearchAsync(tenant, new SearchQuery(text, 5, NewModel.Embed(text)), default);

    [Fact]
    public async Task AfterAChangeOfModelATenantsChunksMoveToTheNewModelsCollectionWithItsVectors()
    {
        await SeedWithOldModelAsync();
        var index = NewModelIndex();
        var reembedder = new Reembedder(index, NullLogger<Reembedder>.Instance, NewModel);

        Assert.Equal(["acme", "globex"], await index.TenantsWithStaleVectorsAsync(default));
        Assert.Equal(2, await index.CountStaleAsync("acme", default));
        Assert.Equal(2, await reembedder.ReembedTenantAsync("acme", default));

        Assert.Equal(2, Server.Collections[NewCollection].PointCount);
        Assert.Equal(1, Server.Collections[OldCollection].PointCount); // globex's, not moved yet
        Assert.Equal(0, await index.CountStaleAsync("acme", default));
        Assert.Equal(["globex"], await index.TenantsWithStaleVectorsAsync(default));
        var hit = (await SearchAsync(index, "acme", "parcels canada"))[0];
        Assert.Equal("ship:v1:0", hit.Chunk.ChunkId);
        Assert.Equal("ship", hit.Chunk.DocumentId);
    }

    [Fact]
    public async Task ATenantsDocumentsStayFindableByTheirWordsWhileItsChunksMove()
    {
        await SeedWithOldModelAsync();
        var index = NewModelIndex();
        var first = Assert.Single(await index.StaleChunksAsync("acme", 1, default));
        await index.UpdateVectorsAsync("acme", [(first, NewModel.Embed(first.EmbeddingText))], default);

        var (other, otherWords) = first.Chunk.ChunkId == "wrap:v1:0" ? ("ship:v1:0", "parcels canada") : ("wrap:v1:0", "gift wrapping");
        var moved = await SearchAsync(index, "acme", first.Chunk.Text);
        var notYet = await SearchAsync(index, "acme", otherWords);

        Assert.Equal(first.Chunk.ChunkId, moved[0].Chunk.ChunkId);
        Assert.Contains(notYet, h => h.Chunk.ChunkId == other);
        Assert.Equal(moved.Count, moved.Select(h => h.Chunk.ChunkId).Distinct().Count());
        Assert.DoesNotContain(await SearchAsync(index, "acme", "gift wrapping globex"), h => h.Chunk.Text.Contains("Globex"));
    }

    [Fact]
    public async Task AChunkWhoseDocumentIsReplacedWhileItMovesIsNotBroughtBack()
    {
        await SeedWithOldModelAsync();
        var index = NewModelIndex();
        var stale = await index.StaleChunksAsync("acme", 10, default);

        await index.ReplaceDocumentAsync("acme", "wrap", [Entry("wrap", "wrap:v2:0", "Gift wrapping is now 5 euros.", NewModel)], default);
        await index.UpdateVectorsAsync("acme", [.. stale.Select(c => (c, NewModel.Embed(c.EmbeddingText)))], default);

        Assert.Equal(["ship:v1:0", "wrap:v2:0"], (await index.ChunkIdsAsync("acme", null, default)).Order());
        Assert.Equal(0, await index.CountStaleAsync("acme", default));
    }

    [Fact]
    public async Task ADeletedDocumentDoesNotComeBackFromTheEarlierModelsCollection()
    {
        await SeedWithOldModelAsync();
        var index = NewModelIndex();

        await index.DeleteDocumentAsync("acme", "wrap", default);

        Assert.DoesNotContain(await SearchAsync(index, "acme", "gift wrapping"), h => h.Chunk.DocumentId == "wrap");
        Assert.Equal(["ship:v1:0"], [.. (await index.StaleChunksAsync("acme", 10, default)).Select(c => c.Chunk.ChunkId)]);
    }

    [Fact]
    public async Task AnotherDeploymentsCollectionsOnTheSameServerAreNeverMoved()
    {
        // A staging deployment whose prefix starts like ours ("test_staging_…" begins with "test_").
        var staging = Index(("SupportAgent:Qdrant:Collection", "test_staging"));
        await staging.ReplaceDocumentAsync("acme", "wrap", [Entry("wrap", "wrap:v1:0", "Staging: gift wrapping costs 1 euro.")], default);
        var index = NewModelIndex();

        Assert.Empty(await index.TenantsWithStaleVectorsAsync(default));
        Assert.Empty(await SearchAsync(index, "acme", "gift wrapping"));
        Assert.Equal(1, Server.Collections[$"test_staging_{BagOfWordsEmbeddings.ModelId}_64"].PointCount);
    }

    [Fact]
    public async Task ACollectionMadeBeforeOwnersWereRecordedIsClaimedWhenOpenedSoALaterModelChangeFindsIt()
    {
        await SeedWithOldModelAsync();
        Server.Collections[OldCollection].ClearMetadata();
        Assert.Empty(await NewModelIndex(("SupportAgent:Qdrant:Collection", "test")).TenantsWithStaleVectorsAsync(default));

        await Index().CountAsync("acme", null, default); // the old model's index opens its collection again

        Assert.Equal("test", Server.Collections[OldCollection].Metadata[QdrantCollections.OwnerKey].StringValue);
        Assert.Equal(["acme", "globex"], await NewModelIndex().TenantsWithStaleVectorsAsync(default));
    }
}
