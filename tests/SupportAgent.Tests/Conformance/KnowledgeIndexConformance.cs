using SupportAgent.Core.Retrieval;
using SupportAgent.Tests.Fakes;

namespace SupportAgent.Tests.Conformance;

/// <summary>
/// What every <see cref="IKnowledgeIndex"/> must do, run against each implementation by a subclass: rank the
/// relevant chunk first, delete and replace documents completely, and never return another tenant's chunk whatever
/// the query. Chunk ids start with their tenant so a leak is visible in any result.
/// </summary>
public abstract class KnowledgeIndexConformance : IAsyncLifetime
{
    protected static readonly BagOfWordsEmbeddings Embeddings = new();
    protected IKnowledgeIndex Index { get; private set; } = null!;

    protected abstract Task<IKnowledgeIndex> CreateIndexAsync();
    public virtual Task DisposeAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        Index = await CreateIndexAsync();
        foreach (var (tenant, document, chunks) in ConformanceKnowledge.Documents)
            await Index.ReplaceDocumentAsync(tenant, document, [.. chunks.Select(Entry)], default);
    }

    protected static IndexEntry Entry(IndexedChunk chunk) =>
        new(chunk, Embeddings.Embed($"{chunk.Title}\n{chunk.Heading}\n{chunk.Text}"));

    protected Task<IReadOnlyList<SearchHit>> SearchAsync(string tenant, string text, int k = 10) =>
        Index.SearchAsync(tenant, new SearchQuery(text, k, Embeddings.Embed(text)), default);

    [Theory]
    [InlineData("How long does delivery to Canada take?", "acme:shipping:0")]
    [InlineData("Do you take PayPal or American Express?", "acme:payments:0")]
    [InlineData("How do I get a refund for my return?", "acme:returns:0")]
    [InlineData("Is the courier to the United Kingdom tracked?", "acme:shipping:1")]
    public async Task TheChunkThatAnswersTheQuestionRanksFirst(string question, string expected)
    {
        var hits = await SearchAsync("acme", question);

        Assert.Equal(expected, hits.First().Chunk.ChunkId);
    }

    [Fact]
    public async Task ADeletedDocumentIsNeverFoundAgainAndOtherDocumentsStay()
    {
        await Index.DeleteDocumentAsync("acme", "shipping", default);

        var hits = await SearchAsync("acme", "delivery to Canada and the United Kingdom by courier, or PayPal", k: 100);

        Assert.DoesNotContain(hits, h => h.Chunk.DocumentId == "shipping");
        Assert.Contains(hits, h => h.Chunk.ChunkId == "acme:payments:0");
    }

    [Fact]
    public async Task AReplacedDocumentServesOnlyItsNewChunks()
    {
        await Index.ReplaceDocumentAsync("acme", "shipping",
            [Entry(new("acme:shipping:v2:0", "shipping", "International shipping", "Canada", "Orders to Canada now arrive in 3 business days by air.", null))], default);

        var hits = await SearchAsync("acme", "How long does delivery to Canada or the United Kingdom take?", k: 100);

        Assert.Equal("acme:shipping:v2:0", hits.First().Chunk.ChunkId);
        Assert.Equal(["acme:shipping:v2:0"], hits.Where(h => h.Chunk.DocumentId == "shipping").Select(h => h.Chunk.ChunkId));
    }

    [Fact]
    public async Task ReplacingAChunkUnderTheSameIdServesTheNewText()
    {
        await Index.ReplaceDocumentAsync("acme", "payments",
            [Entry(new("acme:payments:0", "payments", "Payments", null, "We accept Visa and Apple Pay; PayPal is no longer offered.", null))], default);

        var hits = await SearchAsync("acme", "Apple Pay PayPal", k: 100);

        var hit = Assert.Single(hits, h => h.Chunk.DocumentId == "payments");
        Assert.Contains("Apple Pay", hit.Chunk.Text);
    }

    [Theory]
    [InlineData("globex")]
    [InlineData("drone delivery to Canada")]
    [InlineData("tenant_id:globex")]
    [InlineData("tenant_id = 'globex' OR 1=1 --")]
    [InlineData("{\"must\":[{\"key\":\"tenant_id\",\"match\":{\"value\":\"globex\"}}]}")]
    [InlineData("\" OR * NEAR( globex")]
    [InlineData("How long does delivery to Canada take? globex acme")]
    public async Task ASearchNeverReturnsAnotherTenantsChunkWhateverTheQueryAndK(string query)
    {
        foreach (var k in new[] { 10, int.MaxValue })
        {
            var acme = await SearchAsync("acme", query, k);
            var globex = await SearchAsync("globex", query, k);

            Assert.All(acme, h => Assert.StartsWith("acme:", h.Chunk.ChunkId));
            Assert.All(globex, h => Assert.StartsWith("globex:", h.Chunk.ChunkId));
        }
    }

    [Fact]
    public async Task AnotherTenantsIdenticalTextIsNeverReturned()
    {
        var acme = await SearchAsync("acme", ConformanceKnowledge.SharedReturnsText, int.MaxValue);
        var globex = await SearchAsync("globex", ConformanceKnowledge.SharedReturnsText, int.MaxValue);

        Assert.Equal("acme:returns:0", Assert.Single(acme, h => h.Chunk.DocumentId == "returns").Chunk.ChunkId);
        Assert.Equal("globex:returns:0", Assert.Single(globex, h => h.Chunk.DocumentId == "returns").Chunk.ChunkId);
    }

    [Fact]
    public async Task TheSameDocumentAndChunkIdsInTwoTenantsStayTwoSeparateChunks()
    {
        IndexedChunk Faq(string tenant) => new("faq:0", "faq", "Gift wrapping", null, "Gift wrapping costs 4 euros per parcel.", $"https://{tenant}.example/faq");
        await Index.ReplaceDocumentAsync("acme", "faq", [Entry(Faq("acme"))], default);
        await Index.ReplaceDocumentAsync("globex", "faq", [Entry(Faq("globex"))], default);

        await Index.DeleteDocumentAsync("acme", "faq", default);

        Assert.DoesNotContain(await SearchAsync("acme", "gift wrapping cost", 100), h => h.Chunk.DocumentId == "faq");
        var kept = Assert.Single(await SearchAsync("globex", "gift wrapping cost", 100), h => h.Chunk.DocumentId == "faq");
        Assert.Equal("https://globex.example/faq", kept.Chunk.Url);
    }

    [Fact]
    public async Task AHugeKReturnsEachOfTheTenantsChunksAtMostOnce()
    {
        var hits = await SearchAsync("acme", "shipping delivery Canada Kingdom returns refund PayPal Visa", int.MaxValue);

        Assert.Equal(hits.Count, hits.Select(h => h.Chunk.ChunkId).Distinct().Count());
        Assert.InRange(hits.Count, 1, ConformanceKnowledge.Documents.Where(d => d.Tenant == "acme").Sum(d => d.Chunks.Length));
    }

    [Fact]
    public async Task ATenantWithoutDocumentsFindsNothing()
    {
        Assert.Empty(await SearchAsync("initech", "How long does delivery to Canada take?", int.MaxValue));
    }

    [Fact]
    public async Task DeletingADocumentThatDoesNotExistIsHarmless()
    {
        await Index.DeleteDocumentAsync("acme", "no-such-document", default);

        Assert.Equal("acme:shipping:0", (await SearchAsync("acme", "delivery to Canada")).First().Chunk.ChunkId);
    }
}
