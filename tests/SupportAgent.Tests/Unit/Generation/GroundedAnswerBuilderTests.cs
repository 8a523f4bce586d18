using SupportAgent.Core.Answering.Grounding;
using SupportAgent.Core.Retrieval;

namespace SupportAgent.Tests.Unit.Generation;

public sealed class GroundedAnswerBuilderTests
{
    private static readonly Passage[] Passages =
    [
        new(new IndexedChunk("c1", "returns-policy", "Returns policy", null, "You can return unworn items within 30 days of delivery. Return labels are free in the US.", null), 1, 0.9),
        new(new IndexedChunk("c2", "international-shipping", "International shipping", "Canada", "Orders to Canada are delivered in 5 to 8 business days.", null), 1, 0.8),
    ];

    /// <summary>Feeds the text in small pieces, as a token stream would, and returns what was released.</summary>
    private static (GroundedAnswerBuilder Builder, string Released) Stream(string text, int piece = 3)
    {
        var builder = new GroundedAnswerBuilder(Passages);
        var released = "";
        for (var i = 0; i < text.Length; i += piece) released += builder.Append(text.Substring(i, Math.Min(piece, text.Length - i)));
        released += builder.Complete();
        return (builder, released);
    }

    [Fact]
    public void AFullyCitedAnswerIsReleasedWhole()
    {
        var (builder, released) = Stream("Sure! You can return unworn items within 30 days of delivery [1]. Return labels are free in the US. [1]");

        Assert.True(builder.Grounded);
        Assert.Equal("Sure! You can return unworn items within 30 days of delivery [1]. Return labels are free in the US. [1]", released);
    }

    [Fact]
    public void CitationsAreRenumberedInOrderOfFirstUse()
    {
        var (builder, released) = Stream("Orders to Canada are delivered in 5 to 8 business days [2]. You can return unworn items within 30 days [1, 2].");

        Assert.Equal("Orders to Canada are delivered in 5 to 8 business days [1]. You can return unworn items within 30 days [2, 1].", released);
        Assert.Equal(["international-shipping", "returns-policy"], builder.Citations.Select(c => c.DocumentId));
    }

    [Fact]
    public void NothingIsReleasedBeforeTheFirstSupportedCitation()
    {
        var builder = new GroundedAnswerBuilder(Passages);

        Assert.Equal("", builder.Append("Great question! "));
        Assert.Equal("", builder.Append("Orders to Canada are delivered in 5 to 8 business days [2]"));
        Assert.Equal("Great question! Orders to Canada are delivered in 5 to 8 business days [1].", builder.Append(". Thanks") + "");
    }

    [Theory]
    [InlineData("Orders to Canada are delivered in 5 to 8 business days [3].")]
    [InlineData("Orders to Canada are delivered in 2 business days [2].")]
    [InlineData("We plant a tree for every parcel shipped to Canada [2].")]
    [InlineData("Orders to Canada are delivered in 5 to 8 business days.")]
    [InlineData("I can't answer that from our help articles.")]
    public void AnythingUnsupportedMakesTheAnswerUngroundedAndStopsTheRelease(string text)
    {
        var (builder, released) = Stream(text);

        Assert.False(builder.Grounded);
        Assert.Equal("", released);
        Assert.Equal(text, builder.Raw);
    }

    [Fact]
    public void ABadSentenceAfterAGoodOneStopsTheReleaseThere()
    {
        var (builder, released) = Stream("Orders to Canada are delivered in 5 to 8 business days [2]. Refunds take one hour [1]. Labels are free [1].");

        Assert.False(builder.Grounded);
        Assert.Equal("Orders to Canada are delivered in 5 to 8 business days [1].", released);
    }

    [Theory]
    [InlineData("\" [1]")]
    [InlineData(".\" [1]")]
    [InlineData("Yes [2].")]
    [InlineData("Sure, here it is: [1]")]
    public void ASentenceWithNoContentWordsIsNeverSentAsAnAnswer(string text)
    {
        var (builder, released) = Stream(text);

        Assert.False(builder.Grounded);
        Assert.Equal("", released);
    }

    [Fact]
    public void AnAnswerWithoutASingleSupportedSentenceIsNotGrounded()
    {
        var (builder, released) = Stream("Great question! Happy to help. Let me know if there is anything else.");

        Assert.False(builder.Grounded);
        Assert.Equal("", released);
    }
}
