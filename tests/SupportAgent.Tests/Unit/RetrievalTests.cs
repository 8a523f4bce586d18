using SupportAgent.Core.Retrieval;
using SupportAgent.Core.Retrieval.Embedded;

namespace SupportAgent.Tests.Unit;

public sealed class RetrievalTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "supportagent-tests", Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData("tenant_id:globex", "\"tenant\" OR \"id\" OR \"globex\"")]
    [InlineData("shipping\" OR * NEAR(", "\"shipping\" OR \"near\"")]
    public void FtsQueriesQuoteEveryTermSoCustomerTextCannotBecomeSyntax(string text, string expected)
    {
        Assert.Equal(expected, FtsQuery.From(text));
    }

    [Fact]
    public void WithinASubjectTheQuestionsTermsAreSearchedOnlyAmongDocumentsTitledWithIt()
    {
        Assert.Equal("({title heading} : (\"avalon\")) AND (\"parking\")", FtsQuery.WithinSubject("Do they have parking?", ["Avalon", "}"]));
        Assert.Equal("{title heading} : (\"avalon\")", FtsQuery.WithinSubject("Is it?", ["Avalon"]));
        Assert.Null(FtsQuery.WithinSubject("Do they have parking?", []));
    }

    [Fact]
    public void SubjectWordsAreMatchedInTitlesAndHeadingsOnly()
    {
        Assert.Equal("\"parking\" OR {title heading} : (\"avalon\")", FtsQuery.From("Do they have parking?", ["Avalon", "}"]));
    }

    [Fact]
    public void ConfidenceIsTheShareOfTheQuestionsTermsThatThePassageCovers()
    {
        var chunk = new IndexedChunk("c1", "d1", "International shipping", "Canada", "Orders to Canada arrive in 5 to 8 business days.", null);

        Assert.Equal(1.0, LexicalConfidence.Score("How long does shipping to Canada take?", chunk), 3);
        Assert.Equal(0.0, LexicalConfidence.Score("What is the boiling point of mercury?", chunk), 3);
        Assert.InRange(LexicalConfidence.Score("Shipping to Mexico by boat?", chunk), 0.2, 0.5);
    }

    [Fact]
    public async Task AnIndexNeverReturnsAnotherTenantsChunksEvenWhenTheQueryNamesThatTenant()
    {
        var index = new EmbeddedHybridIndex(Path.Combine(directory, "index.db"));
        await index.ReplaceDocumentAsync("acme", "d1", [new IndexEntry(new IndexedChunk("a1", "d1", "Shipping", null, "acme ships to canada", null))], default);
        await index.ReplaceDocumentAsync("globex", "d1", [new IndexEntry(new IndexedChunk("g1", "d1", "Shipping", null, "globex ships to canada", null))], default);

        var hits = await index.SearchAsync("acme", new SearchQuery("globex shipping canada tenant_id globex", 1000), default);

        Assert.Equal(["a1"], hits.Select(h => h.Chunk.ChunkId));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }
}

public sealed class PorterStemmerTests
{
    [Theory]
    [InlineData("shipping", "ship")]
    [InlineData("ships", "ship")]
    [InlineData("shipped", "ship")]
    [InlineData("changing", "chang")]
    [InlineData("change", "chang")]
    [InlineData("relational", "relat")]
    [InlineData("generalization", "gener")]
    [InlineData("caresses", "caress")]
    [InlineData("ponies", "poni")]
    [InlineData("hopping", "hop")]
    [InlineData("filing", "file")]
    [InlineData("happy", "happi")]
    [InlineData("adjustable", "adjust")]
    [InlineData("returns", "return")]
    public void StemsMatchThePublishedPorterExamples(string word, string stem) => Assert.Equal(stem, PorterStemmer.Stem(word));
}
