using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SupportAgent.Core.Hosting;
using SupportAgent.Core.Retrieval.Embedded;
using SupportAgent.Core.Retrieval.Qdrant;

namespace SupportAgent.Tests.Fakes;

/// <summary>The product's own Qdrant registration (typed client, retry handler, options) pointed at a fake server.</summary>
public static class QdrantTestServices
{
    public static ServiceProvider Build(Uri url, params (string Key, string? Value)[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SupportAgent:Index:Provider"] = "qdrant",
            ["SupportAgent:Qdrant:Url"] = url.ToString(),
            ["SupportAgent:Qdrant:Collection"] = "test",
            ["SupportAgent:Qdrant:RetryDelayMilliseconds"] = "20",
        }.Concat(settings.Select(s => KeyValuePair.Create(s.Key, s.Value)))).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddValidatedOptions<IndexOptions>(IndexOptions.SectionName);
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(new BagOfWordsEmbeddings());
        services.AddQdrantIndex();
        return services.BuildServiceProvider();
    }
}
