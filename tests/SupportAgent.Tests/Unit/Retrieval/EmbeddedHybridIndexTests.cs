using SupportAgent.Core.Retrieval;
using SupportAgent.Core.Retrieval.Embedded;
using SupportAgent.Core.Retrieval.Embeddings;

namespace SupportAgent.Tests.Unit.Retrieval;

/// <summary>The embedded hybrid index against a real SQLite file, with the default hashing embedding for vectors.</summary>
public sealed class EmbeddedHybridIndexTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), "supportagent-tests", Guid.NewGuid().ToString("N"), "index.db");
    private readonly HashingEmbeddingGenerator embedder = new();
    private readonly EmbeddedHybridIndex index;

    public EmbeddedHybridIndexTests() => index = new EmbeddedHybridIndex(path);

    private IndexEntry Entry(string chunkId, string documentId, string title, string text) =>
        new(new IndexedChunk(chunkId, documentId, title, null, text, null), embedder.Embed($"{title}\n{text}"));

    private Task<IReadOnlyList<SearchHit>> SearchAsync(string tenant, string text, int k = 5, EmbeddedHybridIndex? on = null) =>
        (on ?? index).SearchAsync(tenant, new SearchQuery(text, k, embedder.Embed(text)), default);

    private async Task SeedAsync(string tenant)
    {
        await index.ReplaceDocumentAsync(tenant, "shipping", [Entry($"{tenant}-s1", "shipping", "Shipping", "Orders to Canada arrive in 5 to 8 business days.")], default);
        await index.ReplaceDocumentAsync(tenant, "returns", [Entry($"{tenant}-r1", "returns", "Returns", "Return unworn jackets within 30 days with the free label.")], default);
        await index.ReplaceDocumentAsync(tenant, "payments", [Entry($"{tenant}-p1", "payments", "Payments", "We accept Visa, Mastercard and PayPal.")], default);
    }

    [Fact]
    public async Task TheChunkThatMatchesTheQueryRanksFirst()
    {
        await SeedAsync("acme");

        Assert.Equal("acme-r1", (await SearchAsync("acme", "how do I return a jacket"))[0].Chunk.ChunkId);
        Assert.Equal("acme-s1", (await SearchAsync("acme", "delivery time to canada"))[0].Chunk.ChunkId);
    }

    [Fact]
    public async Task ThePassagesOfTheConversationsSubjectOutrankOthersOnTheSameTopic()
    {
        await index.ReplaceDocumentAsync("inns", "hobsons-parking", [Entry("h1", "hobsons-parking", "Hobsons House: Is there parking?", "Parking is free; parking spaces can be reserved, parking is gated.")], default);
        await index.ReplaceDocumentAsync("inns", "avalon-parking", [Entry("a1", "avalon-parking", "Avalon: Is there parking?", "Street parking only.")], default);
        await index.ReplaceDocumentAsync("inns", "avalon-breakfast", [Entry("a2", "avalon-breakfast", "Avalon: Is breakfast included?", "Breakfast is served from seven.")], default);
        const string question = "Is there parking?";

        var hits = await index.SearchAsync("inns", new SearchQuery(question, 3, embedder.Embed(question), ["Avalon"]), default);

        Assert.Equal("a1", hits[0].Chunk.ChunkId);
    }

    [Fact]
    public async Task DenseMatchingFindsInflectionsThatShareNoStem()
    {
        await SeedAsync("acme");

        // "paypals" / "mastercards" stem differently from the document's words; character n-grams still connect them.
        var hits = await index.SearchAsync("acme", new SearchQuery("zzz", 3, embedder.Embed("mastercards paypals")), default);

        Assert.Equal("acme-p1", hits[0].Chunk.ChunkId);
    }

    [Fact]
    public async Task ReplacingADocumentRemovesItsOldChunksFromLexicalAndDenseResults()
    {
        await SeedAsync("acme");
        Assert.NotEmpty(await SearchAsync("acme", "canada"));   // the matrix is loaded now; the update must reach it

        await index.ReplaceDocumentAsync("acme", "shipping", [Entry("acme-s2", "shipping", "Shipping", "Orders to Mexico arrive in 10 days.")], default);

        var all = await SearchAsync("acme", "orders to canada mexico shipping", k: 50);
        Assert.DoesNotContain(all, h => h.Chunk.ChunkId == "acme-s1");
        Assert.Equal("acme-s2", (await SearchAsync("acme", "mexico"))[0].Chunk.ChunkId);
    }

    [Fact]
    public async Task ADeletedDocumentIsNeverReturnedAgain()
    {
        await SeedAsync("acme");
        Assert.NotEmpty(await SearchAsync("acme", "canada"));

        await index.DeleteDocumentAsync("acme", "shipping", default);

        Assert.DoesNotContain(await SearchAsync("acme", "orders to canada shipping", k: 50), h => h.Chunk.DocumentId == "shipping");
        Assert.DoesNotContain(await SearchAsync("acme", "orders to canada shipping", k: 50, on: new EmbeddedHybridIndex(path)), h => h.Chunk.DocumentId == "shipping");
    }

    [Fact]
    public async Task AFreshIndexOnTheSameFileLoadsTheStoredVectors()
    {
        await SeedAsync("acme");

        var reopened = new EmbeddedHybridIndex(path);

        Assert.Equal(3, await reopened.VectorCountAsync("acme", default));
        Assert.Equal("acme-p1", (await reopened.SearchAsync("acme", new SearchQuery("zzz", 3, embedder.Embed("mastercards paypals")), default))[0].Chunk.ChunkId);
    }

    [Theory]
    [InlineData("globex")]
    [InlineData("tenant_id:globex")]
    [InlineData("tenant_id = 'globex' OR 1=1 --")]
    [InlineData("\" OR globex* NEAR(canada) {tenant_id}: *")]
    [InlineData("orders to canada arrive in 5 to 8 business days")]
    public async Task ASearchNeverReturnsAnotherTenantsChunksWhateverTheQuery(string query)
    {
        await SeedAsync("acme");
        await SeedAsync("globex");
        await index.ReplaceDocumentAsync("globex", "only-globex", [Entry("globex-x", "only-globex", "Globex", "globex tenant_id canada secret")], default);

        var hits = await SearchAsync("acme", query, k: 100_000);
        var denseTwin = await index.SearchAsync("acme", new SearchQuery(query, 100_000, embedder.Embed("Globex\nglobex tenant_id canada secret")), default);

        Assert.All(hits.Concat(denseTwin), h => Assert.StartsWith("acme-", h.Chunk.ChunkId));
        Assert.Empty(await SearchAsync("initech", query, k: 100_000));
    }

    [Fact]
    public async Task TheSameDocumentIdInTwoTenantsIsTwoSeparateDocuments()
    {
        await SeedAsync("acme");
        await SeedAsync("globex");

        await index.DeleteDocumentAsync("globex", "shipping", default);

        Assert.Equal("acme-s1", (await SearchAsync("acme", "canada"))[0].Chunk.ChunkId);
        Assert.DoesNotContain(await SearchAsync("globex", "canada", k: 50), h => h.Chunk.DocumentId == "shipping");
    }

    [Fact]
    public void ReciprocalRankFusionFavoursItemsBothListsRankHigh()
    {
        var fused = ReciprocalRankFusion.Fuse<string>(["a", "b", "c"], ["b", "d", "a"]);

        Assert.Equal(["b", "a", "d", "c"], fused.Select(f => f.Id));
        Assert.Equal(1.0 / 62 + 1.0 / 61, fused[0].Score, 9);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Path.GetDirectoryName(path)!, true); } catch (IOException) { }
    }
}
