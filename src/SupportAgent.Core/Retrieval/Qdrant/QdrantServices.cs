using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportAgent.Core.Hosting;
using SupportAgent.Core.Retrieval.Embedded;

namespace SupportAgent.Core.Retrieval.Qdrant;

public static class QdrantServices
{
    public const string Provider = "qdrant";

    /// <summary>Registers <see cref="QdrantIndex"/> as the keyed <see cref="IKnowledgeIndex"/> <c>qdrant</c>, over a typed HttpClient.</summary>
    public static IServiceCollection AddQdrantIndex(this IServiceCollection services)
    {
        services.AddValidatedOptions<QdrantOptions>(QdrantOptions.SectionName)
            .Validate<IOptions<IndexOptions>>(
                (qdrant, index) => index.Value.Provider != Provider || Uri.TryCreate(qdrant.Url, UriKind.Absolute, out _),
                "SupportAgent:Qdrant:Url is required when SupportAgent:Index:Provider is 'qdrant' (e.g. http://localhost:6333).");
        services.TryAddTimeProvider();
        services.AddTransient<QdrantRetryHandler>();
        services.AddHttpClient<QdrantClient>((sp, http) =>
        {
            var o = sp.GetRequiredService<IOptions<QdrantOptions>>().Value;
            http.BaseAddress = new Uri(o.Url!.TrimEnd('/') + "/");
            if (!string.IsNullOrEmpty(o.ApiKey)) http.DefaultRequestHeaders.Add("api-key", o.ApiKey);
            // The retry handler times each attempt; this only bounds the whole call, body included.
            http.Timeout = TimeSpan.FromSeconds(o.TimeoutSeconds * (o.MaxRetries + 1) + o.MaxRetryDelaySeconds * o.MaxRetries + 5);
        }).AddHttpMessageHandler<QdrantRetryHandler>();
        services.AddKeyedSingleton<IKnowledgeIndex>(Provider, (sp, _) => new QdrantIndex(
            sp.GetRequiredService<QdrantClient>, sp.GetRequiredService<IOptions<QdrantOptions>>(),
            sp.GetRequiredService<ILogger<QdrantIndex>>(), sp.GetService<IEmbeddingGenerator<string, Embedding<float>>>()));
        return services;
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider))) services.AddSingleton(TimeProvider.System);
    }
}
