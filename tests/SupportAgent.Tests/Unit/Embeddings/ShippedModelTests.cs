using System.Numerics.Tensors;
using SupportAgent.Core.Retrieval.Embeddings;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Unit.Embeddings;

/// <summary>The real models restored from NuGet, loaded from the package's embedded resources (one shared instance each).</summary>
public sealed class ShippedModelTests
{
    public static TheoryData<string> Models => ["minilm", "arctic-xs"];

    private static OnnxEmbeddingGenerator Model(string provider) => provider == "minilm" ? ShippedModels.MiniLm : ShippedModels.ArcticXs;

    private static float Cosine(float[] a, float[] b) => TensorPrimitives.CosineSimilarity(a, b);

    [Theory, MemberData(nameof(Models))]
    public async Task ParaphrasesAreCloserThanUnrelatedSentences(string provider)
    {
        var model = Model(provider);
        var question = await model.EmbedQueryAsync("the jacket I bought doesn't fit, can I send it back?");
        var passages = await model.EmbedPassagesAsync([
            "Returns: you can return any unworn item within 30 days of delivery for a full refund.",
            "Our stores open at 9am on weekdays and 10am on Saturdays.",
            "Reward points expire twelve months after they are earned.",
        ]);

        Assert.True(Cosine(question, passages[0]) > Cosine(question, passages[1]) + 0.1, $"{Cosine(question, passages[0])} vs {Cosine(question, passages[1])}");
        Assert.True(Cosine(question, passages[0]) > Cosine(question, passages[2]) + 0.1, $"{Cosine(question, passages[0])} vs {Cosine(question, passages[2])}");
    }

    [Theory, MemberData(nameof(Models))]
    public async Task VectorsHaveTheModelsSizeAndUnitLength(string provider)
    {
        var vectors = await Model(provider).EmbedPassagesAsync(["Shipping to Canada takes 5 to 8 business days.", "ok", ""]);

        Assert.All(vectors, v => Assert.Equal(384, v.Length));
        Assert.All(vectors, v => Assert.InRange(TensorPrimitives.Norm(v), 0.999f, 1.001f));
    }

    [Theory, MemberData(nameof(Models))]
    public async Task ABatchGivesTheSameVectorsAsOneTextAtATime(string provider)
    {
        var model = Model(provider);
        string[] texts = ["refund", "How long does shipping to Canada take if I order on a Friday evening before a holiday?", "gift cards never expire", "hi"];

        var batch = await model.EmbedPassagesAsync(texts);

        for (var i = 0; i < texts.Length; i++)
            Assert.True(Cosine(batch[i], (await model.EmbedPassagesAsync([texts[i]]))[0]) > 0.9999f, $"text {i} differs between batch and single call");
    }

    [Theory, MemberData(nameof(Models))]
    public async Task ConcurrentCallersGetTheSameVectorsAsSequentialOnes(string provider)
    {
        var model = Model(provider);
        var texts = Enumerable.Range(0, 16).Select(i => $"question number {i}: where is my order {i * 7}?").ToArray();
        var sequential = new List<float[]>();
        foreach (var text in texts) sequential.Add(await model.EmbedQueryAsync(text));

        var concurrent = await Task.WhenAll(texts.Select(t => Task.Run(() => model.EmbedQueryAsync(t))));

        for (var i = 0; i < texts.Length; i++) Assert.True(Cosine(sequential[i], concurrent[i]) > 0.9999f, $"text {i} differs under concurrency");
    }

    [Fact]
    public async Task ArcticPrefixesQueriesWithItsInstructionButNotPassages()
    {
        var model = ShippedModels.ArcticXs;
        const string text = "do my reward points ever run out";

        var query = await model.EmbedQueryAsync(text);
        var passage = (await model.EmbedPassagesAsync([text]))[0];
        var prefixedPassage = (await model.EmbedPassagesAsync([SentenceModel.ArcticXs.QueryPrefix + text]))[0];

        Assert.True(Cosine(query, passage) < 0.99f, "a query must not be embedded like a passage");
        Assert.True(Cosine(query, prefixedPassage) > 0.9999f, "a query is the passage embedding of the prefixed text");
    }

    [Fact]
    public async Task MiniLmEmbedsQueriesAndPassagesAlike()
    {
        var model = ShippedModels.MiniLm;

        var query = await model.EmbedQueryAsync("are you open on the weekend");
        var passage = (await model.EmbedPassagesAsync(["are you open on the weekend"]))[0];

        Assert.True(Cosine(query, passage) > 0.9999f);
    }

    [Fact]
    public async Task LongTextsAreCutToTheModelsWindowInsteadOfFailing()
    {
        var longText = string.Join(' ', Enumerable.Repeat("returns refunds exchanges shipping", 400));

        var vector = (await ShippedModels.MiniLm.EmbedPassagesAsync([longText]))[0];

        Assert.InRange(TensorPrimitives.Norm(vector), 0.999f, 1.001f);
    }

    [Fact]
    public void EachModelReportsItsIdAndSizeForTheIndexKey()
    {
        Assert.Equal("all-MiniLM-L6-v2@384", ShippedModels.MiniLm.ModelId());
        Assert.Equal("snowflake-arctic-embed-xs@384", ShippedModels.ArcticXs.ModelId());
    }
}
