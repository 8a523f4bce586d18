using System.ClientModel;
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
        {
            var options = sp.GetRequiredService<IOptions<EmbeddingOptions>>().Value;
            return options.Provider switch
            {
                "openai" => OpenAiCompatible(options),
                "onnx" => new OnnxEmbeddingGenerator(options.OnnxModelPath!, options.VocabPath!, options.OnnxMaxTokens ?? 256),
                "hashing" => new HashingEmbeddingGenerator(options.Dimensions ?? HashingEmbeddingGenerator.DefaultDimensions),
                // One session per process: the singleton is the only place a shipped model is loaded.
                var shipped => new OnnxEmbeddingGenerator(SentenceModel.ForProvider(shipped)!, options.OnnxMaxTokens),
            };
        });
        return services;
    }

    /// <summary>Any server speaking OpenAI's <c>/v1/embeddings</c> (OpenAI, Azure OpenAI's v1 API, Ollama, vLLM, TEI).</summary>
    public static IEmbeddingGenerator<string, Embedding<float>> OpenAiCompatible(EmbeddingOptions options)
    {
        // Local servers (Ollama, vLLM, TEI) take no key, but the client insists on one; any placeholder works for them.
        var key = new ApiKeyCredential(string.IsNullOrEmpty(options.ApiKey) ? "unused" : options.ApiKey);
        var client = new EmbeddingClient(options.Model!, key, new OpenAIClientOptions { Endpoint = new Uri(options.Endpoint!) });
        return client.AsIEmbeddingGenerator(options.Dimensions);
    }
}
