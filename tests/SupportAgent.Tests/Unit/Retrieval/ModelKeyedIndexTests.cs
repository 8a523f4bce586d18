using Microsoft.Extensions.Logging.Abstractions;
using SupportAgent.Core.Retrieval;
using SupportAgent.Core.Retrieval.Embedded;
using SupportAgent.Core.Retrieval.Embeddings;
using SupportAgent.Core.Retrieval.Reembedding;

namespace SupportAgent.Tests.Unit.Retrieval;

/// <summary>The embedded index keys vectors by model: another model's vectors are never searched, and re-embedding replaces them.</summary>
public sealed class ModelKeyedIndexTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), "supportagent-tests", Guid.NewGuid().ToString("N"), "index.db");
    private readonly HashingEmbeddingGenerator embedder = new(256);

    private IndexEntry Entry(string id, string title, string text) =>
        new(new IndexedChunk(id, id, title, null, text, null), embedder.Embed(IndexEntry.EmbeddingText(title, null, text)));

    /// <summary>A search with no words for the lexical side: only dense matches can come back.</summary>
    private async Task<List<string>> DenseOnlyAsync(EmbeddedHybridIndex index, string tenant, string text) =>
        [.. (await index.SearchAsync(tenant, new SearchQuery("", 5, embedder.Embed(text)), default)).Select(h => h.Chunk.ChunkId)];

    private static async Task SeedAsync(EmbeddedHybridIndex index, string tenant, params IndexEntry[] entries)
    {
        foreach (var entry in entries) await index.ReplaceDocumentAsync(tenant, entry.Chunk.DocumentId, [entry], default);
    }

    [Fact]
    public async Task VectorsOfAnotherModelAreNotSearched()
    {
        await SeedAsync(new EmbeddedHybridIndex(path, "model-a"), "acme", Entry("ship", "Shipping", "Orders to Canada arrive in 5 days."));

        var withOtherModel = new EmbeddedHybridIndex(path, "model-b");

        Assert.Empty(await DenseOnlyAsync(withOtherModel, "acme", "shipping to canada"));
        Assert.Equal(["ship"], await DenseOnlyAsync(new EmbeddedHybridIndex(path, "model-a"), "acme", "shipping to canada"));
    }

    [Fact]
    public async Task ReembeddingGivesEveryTenantsChunksVectorsOfTheNewModelAndOnlyTheirOwn()
    {
        await SeedAsync(new EmbeddedHybridIndex(path, "model-a"), "acme", Entry("ship", "Shipping", "Orders to Canada arrive in 5 days."), Entry("pay", "Payments", "We take Visa."));
        await SeedAsync(new EmbeddedHybridIndex(path, "model-a"), "globex", Entry("g-ship", "Shipping", "Orders to Canada arrive in 9 days."));
        var index = new EmbeddedHybridIndex(path, "model-b");
        Assert.Empty(await DenseOnlyAsync(index, "acme", "shipping to canada")); // loads the tenant's (empty) matrix before re-embedding
        var reembedder = new Reembedder(index, NullLogger<Reembedder>.Instance, embedder);

        var done = await reembedder.ReembedAllAsync(default);

        Assert.Equal(3, done);
        Assert.Equal("ship", (await DenseOnlyAsync(index, "acme", "shipping to canada"))[0]);
        Assert.DoesNotContain("g-ship", await DenseOnlyAsync(index, "acme", "shipping to canada"));
        Assert.Equal(["g-ship"], await DenseOnlyAsync(index, "globex", "shipping to canada"));
        Assert.Empty(await index.TenantsWithStaleVectorsAsync(default));
        Assert.Equal(0, await reembedder.ReembedAllAsync(default));
    }

    [Fact]
    public async Task AReembeddedChunkGetsTheVectorAFreshUploadWouldGet()
    {
        await SeedAsync(new EmbeddedHybridIndex(path, "model-a"), "acme", Entry("ship", "Shipping", "Orders to Canada arrive in 5 days."));
        var index = new EmbeddedHybridIndex(path, "model-b");

        var stale = Assert.Single(await index.StaleChunksAsync("acme", 10, default));

        Assert.Equal(IndexEntry.EmbeddingText("Shipping", null, "Orders to Canada arrive in 5 days."), stale.EmbeddingText);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Path.GetDirectoryName(path)!, true); } catch (IOException) { }
    }
}
