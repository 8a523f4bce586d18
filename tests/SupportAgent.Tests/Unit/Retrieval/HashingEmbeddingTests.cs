using System.Numerics.Tensors;
using SupportAgent.Core.Retrieval.Embeddings;

namespace SupportAgent.Tests.Unit.Retrieval;

public sealed class HashingEmbeddingTests
{
    private readonly HashingEmbeddingGenerator embedder = new();

    [Fact]
    public async Task VectorsAreDeterministicUnitLengthAndOfTheConfiguredSize()
    {
        var a = (await embedder.GenerateAsync(["Refunds reach your card in 5 days"]))[0].Vector.ToArray();
        var b = new HashingEmbeddingGenerator().Embed("Refunds reach your card in 5 days");

        Assert.Equal(HashingEmbeddingGenerator.DefaultDimensions, a.Length);
        Assert.Equal(a, b);
        Assert.Equal(1.0, TensorPrimitives.Norm(a), 4);
        Assert.Equal(64, new HashingEmbeddingGenerator(64).Embed("x y z").Length);
    }

    [Fact]
    public void TextsSharingWordsAndWordPartsAreCloserThanUnrelatedTexts()
    {
        var query = embedder.Embed("shipment to canada");
        var related = embedder.Embed("We ship orders to Canada in 5 days");
        var unrelated = embedder.Embed("Reset your password from the account page");

        Assert.True(TensorPrimitives.CosineSimilarity(query, related) > TensorPrimitives.CosineSimilarity(query, unrelated) + 0.2);
    }
}
