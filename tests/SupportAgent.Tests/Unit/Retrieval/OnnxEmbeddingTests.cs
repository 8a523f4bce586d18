using System.Numerics.Tensors;
using SupportAgent.Core.Retrieval.Embeddings;
using SupportAgent.Tests.Infrastructure.Fakes;

namespace SupportAgent.Tests.Unit.Retrieval;

public sealed class OnnxEmbeddingTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "supportagent-tests", Guid.NewGuid().ToString("N"));

    private static float[] Expected(params int[] tokenIds)
    {
        var mean = new float[TinyBertOnnx.Hidden];
        foreach (var id in tokenIds) TensorPrimitives.Add(mean, TinyBertOnnx.Row(id), mean);
        TensorPrimitives.Divide(mean, tokenIds.Length, mean);
        TensorPrimitives.Divide(mean, TensorPrimitives.Norm(mean), mean);
        return mean;
    }

    [Fact]
    public async Task TheModelsTokenVectorsAreMeanPooledOverWordPiecesAndNormalised()
    {
        var (model, vocab) = TinyBertOnnx.Write(folder);
        using var embedder = new OnnxEmbeddingGenerator(model, vocab);

        var vector = (await embedder.GenerateAsync(["Shipping Canada"]))[0].Vector.ToArray();

        // [CLS]=2 ship=5 ##ping=6 canada=7 [SEP]=3: lower-cased and split into word pieces by the BERT tokenizer.
        Assert.Equal(Expected(2, 5, 6, 7, 3), vector, new ToleranceComparer());
    }

    [Fact]
    public async Task PaddingInABatchDoesNotChangeAShortTextsVector()
    {
        var (model, vocab) = TinyBertOnnx.Write(folder);
        using var embedder = new OnnxEmbeddingGenerator(model, vocab);

        var batch = await embedder.GenerateAsync(["canada", "return jacket shipping canada return jacket"]);
        var alone = (await embedder.GenerateAsync(["canada"]))[0].Vector.ToArray();

        Assert.Equal(alone, batch[0].Vector.ToArray(), new ToleranceComparer());
        Assert.Equal(Expected(2, 7, 3), alone, new ToleranceComparer());
    }

    [Fact]
    public async Task LongTextsAreCutToTheWindowKeepingTheClosingSeparator()
    {
        var (model, vocab) = TinyBertOnnx.Write(folder);
        using var embedder = new OnnxEmbeddingGenerator(model, vocab, maxTokens: 4);

        var vector = (await embedder.GenerateAsync(["canada return jacket canada"]))[0].Vector.ToArray();

        Assert.Equal(Expected(2, 7, 8, 3), vector, new ToleranceComparer());
    }

    private sealed class ToleranceComparer : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) < 1e-5;
        public int GetHashCode(float obj) => 0;
    }

    public void Dispose()
    {
        try { Directory.Delete(folder, true); } catch (IOException) { }
    }
}
