using System.Numerics.Tensors;
using SupportAgent.Core.Retrieval.Embedded;

namespace SupportAgent.Tests.Unit.Retrieval;

public sealed class Int8VectorTests
{
    [Fact]
    public void QuantisedCosineStaysWithinOnePercentOfTheExactCosine()
    {
        var random = new Random(3);
        for (var trial = 0; trial < 50; trial++)
        {
            var a = Enumerable.Range(0, 1024).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
            var b = a.Select(x => x + (float)(random.NextDouble() - 0.5)).ToArray();
            var (qa, qb) = (new sbyte[a.Length], new sbyte[b.Length]);
            var scale = DocumentVectors.Quantize(a, TensorPrimitives.Norm(a), qa) * DocumentVectors.Quantize(b, TensorPrimitives.Norm(b), qb);

            Assert.Equal(TensorPrimitives.CosineSimilarity(a, b), Int8Dot.Dot(qa, qb) * scale, 0.01);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(100)]
    public void TheSimdDotProductEqualsTheScalarOneForAnyLength(int length)
    {
        var random = new Random(length);
        var a = Enumerable.Range(0, length).Select(_ => (sbyte)random.Next(-127, 128)).ToArray();
        var b = Enumerable.Range(0, length).Select(_ => (sbyte)random.Next(-127, 128)).ToArray();

        Assert.Equal(a.Zip(b, (x, y) => x * y).Sum(), Int8Dot.Dot(a, b));
    }
}
