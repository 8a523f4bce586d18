using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SupportAgent.Core.Hosting;
using SupportAgent.Core.Retrieval.Embedded;
using SupportAgent.Core.Retrieval.Qdrant;

namespace SupportAgent.Tests.Fakes;

/// <summary>The product's own Qdrant registration (gRPC channel, official client, retries, options) pointed at a fake server.</summary>
public static class QdrantTestServices
{
    /// <param name="clock">The clock retries wait on; a FakeTimeProvider lets a test move it by hand.</param>
    public static ServiceProvider Build(Uri url, TimeProvider? clock = null, params (string Key, string? Value)[] settings) =>
        Build(url, new BagOfWordsEmbeddings(), clock, settings);

    /// <param name="embedder">The embedding model; another one than the default stands for a change of model.</param>
    public static ServiceProvider Build(Uri url, IEmbeddingGenerator<string, Embedding<float>> embedder, TimeProvider? clock, params (string Key, string? Value)[] settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["SupportAgent:Index:Provider"] = "qdrant",
            ["SupportAgent:Qdrant:Url"] = url.ToString(),
            ["SupportAgent:Qdrant:Collection"] = "test",
            ["SupportAgent:Qdrant:RetryDelayMilliseconds"] = "20",
        };
        foreach (var (key, value) in settings) values[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        if (clock is not null) services.AddSingleton(clock);
        services.AddValidatedOptions<IndexOptions>(IndexOptions.SectionName);
        services.AddSingleton(embedder);
        services.AddQdrantIndex();
        return services.BuildServiceProvider();
    }
}
