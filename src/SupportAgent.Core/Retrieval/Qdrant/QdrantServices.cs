using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportAgent.Core.Hosting;
using SupportAgent.Core.Retrieval.Embedded;

namespace SupportAgent.Core.Retrieval.Qdrant;

public static class QdrantServices
{
    public const string Provider = "qdrant";

    /// <summary>
    /// Registers <see cref="QdrantIndex"/> as the keyed <see cref="IKnowledgeIndex"/> <c>qdrant</c>, over one gRPC
    /// channel. Nothing connects until the index is first used, so the embedded provider never touches Qdrant.
    /// </summary>
    public static IServiceCollection AddQdrantIndex(this IServiceCollection services)
    {
        services.AddValidatedOptions<QdrantOptions>(QdrantOptions.SectionName)
            .Validate<IOptions<IndexOptions>>(
                (qdrant, index) => index.Value.Provider != Provider || Uri.TryCreate(qdrant.Url, UriKind.Absolute, out _),
                "SupportAgent:Qdrant:Url is required when SupportAgent:Index:Provider is 'qdrant' (Qdrant's gRPC endpoint, e.g. http://localhost:6334).")
            .Validate<IOptions<IndexOptions>>(
                (qdrant, index) => index.Value.Provider != Provider || !Uri.TryCreate(qdrant.Url, UriKind.Absolute, out var url) || url.Port != 6333,
                "SupportAgent:Qdrant:Url points at port 6333, Qdrant's REST port; the index speaks gRPC, on port 6334 unless Qdrant's service.grpc_port says otherwise.");
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<QdrantConnection>();
        services.TryAddSingleton(sp => new QdrantCalls(sp.GetRequiredService<QdrantConnection>(),
            sp.GetRequiredService<IOptions<QdrantOptions>>().Value, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<QdrantCalls>>()));
        services.AddKeyedSingleton<IKnowledgeIndex>(Provider, (sp, _) => new QdrantIndex(
            sp.GetRequiredService<QdrantCalls>(), sp.GetRequiredService<IOptions<QdrantOptions>>(),
            sp.GetRequiredService<ILogger<QdrantIndex>>(), sp.GetService<IEmbeddingGenerator<string, Embedding<float>>>()));
        return services;
    }
}
