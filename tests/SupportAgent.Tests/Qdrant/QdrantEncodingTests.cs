using SupportAgent.Core.Retrieval.Qdrant;

namespace SupportAgent.Tests.Qdrant;

public sealed class QdrantEncodingTests
{
    [Fact]
    public void PointIdsAreVersion5UuidsOfTenantAndChunk()
    {
        var id = PointIds.For("acme", "acme:faq:v1:0");

        Assert.Equal(id, PointIds.For("acme", "acme:faq:v1:0"));
        Assert.NotEqual(id, PointIds.For("globex", "acme:faq:v1:0"));
        Assert.Equal('5', id[14]);
        Assert.Contains(id[19], "89ab");
        Assert.True(Guid.TryParse(id, out _));
    }

    [Fact]
    public void SparseVectorsCountStemmedContentTermsUnderStableIds()
    {
        var vector = SparseVectors.FromText("Shipping: the ship ships, and it shipped to Canada.");

        Assert.Equal(new[] { SparseVectors.TermId("canada"), SparseVectors.TermId("ship") }.Order(), vector.Indices);
        Assert.Equal(4f, vector.Values[Array.IndexOf(vector.Indices, SparseVectors.TermId("ship"))]);
    }

    [Theory]
    [InlineData("a", 0xe40c292cu)]
    [InlineData("foobar", 0xbf9cf968u)]
    public void TermIdsAreThePublishedFnv1aHashes(string term, uint expected) => Assert.Equal(expected, SparseVectors.TermId(term));

    [Fact]
    public void AQueryOfStopWordsOnlyHasNoSparseVector() => Assert.True(SparseVectors.FromText("what is it, and how?").IsEmpty);
}
