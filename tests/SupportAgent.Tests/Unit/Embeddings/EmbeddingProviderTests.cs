using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SupportAgent.Core.Retrieval.Embeddings;

namespace SupportAgent.Tests.Unit.Embeddings;

public sealed class EmbeddingProviderTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddEmbeddings();
        return services.BuildServiceProvider();
    }

    [Fact]
    public void WithNothingConfiguredTheShippedModelIsTheEmbedder()
    {
        using var services = Services([]);

        var embedder = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        Assert.IsType<OnnxEmbeddingGenerator>(embedder);
        Assert.Equal(SentenceModel.ForProvider(EmbeddingOptions.DefaultProvider)!.ModelId + "@384", embedder.ModelId());
        Assert.Same(embedder, services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());
    }

    [Fact]
    public void TheHashingEmbedderStaysSelectable()
    {
        using var services = Services(new() { ["SupportAgent:Embeddings:Provider"] = "hashing" });

        Assert.IsType<HashingEmbeddingGenerator>(services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());
    }

    [Fact]
    public void AnUnknownProviderIsRefusedNamingTheChoices()
    {
        using var services = Services(new() { ["SupportAgent:Embeddings:Provider"] = "word2vec" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<EmbeddingOptions>>().Value);
        Assert.Contains("'minilm', 'arctic-xs'", error.Message);
    }
}
