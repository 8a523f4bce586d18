using System.Numerics.Tensors;
using SupportAgent.Core.Retrieval.Embeddings;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Unit.Embeddings;

/// <summary>Texts of mixed lengths are embedded in model calls of similar lengths, and batching never changes a vector.</summary>
public sealed class EmbeddingBatchTests
{
    [Fact]
    public void BatchesOfMixedLengthsNeverPadATextFarBeyondTheShortestOfItsBatch()
    {
        // Short FAQ answers beside long reviews, as a batch of documents brings them.
        var lengths = Enumerable.Range(0, 64).Select(i => i % 3 == 0 ? 180 + i : 20 + i % 17).Order().ToArray();

        var batches = OnnxEmbeddingGenerator.Batches(lengths, l => l).ToList();

        Assert.Equal(lengths, batches.SelectMany(b => b));
        Assert.All(batches, b => Assert.InRange(b.Length, 1, OnnxEmbeddingGenerator.BatchSize));
        Assert.All(batches, b => Assert.True(b[^1] <= OnnxEmbeddingGenerator.MaxPaddedLength(b[0]), $"{b[0]}..{b[^1]} tokens in one call"));
    }

    [Fact]
    public async Task ATextEmbeddedAmongLongerOnesGetsTheVectorItGetsAlone()
    {
        var model = ShippedModels.MiniLm;
        string[] texts =
        [
            "Canada: 5 to 8 days.",
            "Orders to the United Kingdom arrive in 6 to 10 business days by tracked courier, and duties are paid at checkout.",
            string.Join(" ", Enumerable.Repeat("The room was clean, the staff were friendly and breakfast was served until eleven.", 6)),
        ];

        var together = await model.EmbedPassagesAsync(texts);

        for (var i = 0; i < texts.Length; i++)
        {
            var alone = (await model.EmbedPassagesAsync([texts[i]]))[0];
            Assert.True(TensorPrimitives.CosineSimilarity(together[i], alone) > 0.9999f, $"text {i}");
        }
    }
}
