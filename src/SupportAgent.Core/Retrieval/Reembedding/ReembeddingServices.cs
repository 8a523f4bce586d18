using Microsoft.Extensions.DependencyInjection;

namespace SupportAgent.Core.Retrieval.Reembedding;

public static class ReembeddingServices
{
    /// <summary>The background re-embedding after a change of model, and its status for readiness and the documents API.</summary>
    public static IServiceCollection AddReembedding(this IServiceCollection services)
    {
        services.AddSingleton<ReembeddingStatus>();
        services.AddHostedService<ReembeddingService>();
        return services;
    }
}
