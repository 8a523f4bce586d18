using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenAI;
using OpenAI.Embeddings;
using SupportAgent.Core.Hosting;

namespace SupportAgent.Core.Retrieval.Embeddings;

public static class EmbeddingServices
{
    /// <summary>Registers the configured <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>; ingestion and retrieval pick it up.</summary>
    public static IServiceCollection AddEmbeddings(this IServiceCollection services)
    {
        services.AddValidatedOptions<EmbeddingOptions>(EmbeddingOptions.SectionName);
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp =>
            Create(sp.GetRequiredService<IOptions<EmbeddingOptions>>().Value, sp.GetService<TimeProvider>()));
        return services;
    }

    /// <summary>The embedder the options select (one per process: a shipped model loads its ~90 MB session here).</summary>
    public static IEmbeddingGenerator<string, Embedding<float>> Create(EmbeddingOptions options, TimeProvider? clock = null) => options.Provider switch
    {
        "openai" => OpenAiCompatible(options, clock ?? TimeProvider.System),
        "onnx" => new OnnxEmbeddingGenerator(options.OnnxModelPath!, options.VocabPath!, options.OnnxMaxTokens ?? 256),
        "hashing" => new HashingEmbeddingGenerator(options.Dimensions ?? HashingEmbeddingGenerator.DefaultDimensions),
        // One session per process: the singleton registration is the only caller in the server.
        var shipped => new OnnxEmbeddingGenerator(SentenceModel.ForProvider(shipped)!, options.OnnxMaxTokens),
    };

    /// <summary>Any server speaking OpenAI's <c>/v1/embeddings</c> (OpenAI, Azure OpenAI's v1 API, Ollama, vLLM, TEI).</summary>
    public static IEmbeddingGenerator<string, Embedding<float>> OpenAiCompatible(EmbeddingOptions options, TimeProvider clock)
    {
        // Local servers (Ollama, vLLM, TEI) take no key, but the client insists on one; any placeholder works for them.
        var key = new ApiKeyCredential(string.IsNullOrEmpty(options.ApiKey) ? "unused" : options.ApiKey);
        var client = new EmbeddingClient(options.Model!, key, new OpenAIClientOptions
        {
            Endpoint = new Uri(options.Endpoint!),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0), // ResilientEmbeddingGenerator retries, on the injected clock
            NetworkTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds + 5),
        });
        return new ResilientEmbeddingGenerator(client.AsIEmbeddingGenerator(options.Dimensions), ResilientEmbeddingGenerator.Pipeline(options, clock));
    }
}
