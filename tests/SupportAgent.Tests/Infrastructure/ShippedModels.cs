using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SupportAgent.Core.Retrieval.Embeddings;

namespace SupportAgent.Tests.Infrastructure;

/// <summary>
/// The sentence-embedding models restored from NuGet, loaded once for the whole test run (each is ~90 MB and takes a
/// second to load), never disposed: every test about understanding shares them, as the server shares its one instance.
/// </summary>
public static class ShippedModels
{
    private static readonly Lazy<OnnxEmbeddingGenerator> miniLm = new(() => new OnnxEmbeddingGenerator(SentenceModel.MiniLm));
    private static readonly Lazy<OnnxEmbeddingGenerator> arcticXs = new(() => new OnnxEmbeddingGenerator(SentenceModel.ArcticXs));

    public static OnnxEmbeddingGenerator MiniLm => miniLm.Value;
    public static OnnxEmbeddingGenerator ArcticXs => arcticXs.Value;

    /// <summary>The default shipped model (what a server with nothing configured embeds with).</summary>
    public static OnnxEmbeddingGenerator Default => EmbeddingOptions.DefaultProvider == SentenceModel.ArcticXs.Provider ? ArcticXs : MiniLm;

    /// <summary>Gives a test server the shared default model instead of the test host's hashing embedder.</summary>
    public static SupportAgentApp WithShippedModel(this SupportAgentApp app) =>
        app.WithServices(services => services.Replace(ServiceDescriptor.Singleton<IEmbeddingGenerator<string, Embedding<float>>>(Default)));
}
