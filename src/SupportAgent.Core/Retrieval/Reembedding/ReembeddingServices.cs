using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SupportAgent.Core.Jobs;
using SupportAgent.Core.Knowledge.Ingestion;

namespace SupportAgent.Core.Retrieval.Reembedding;

public static class ReembeddingServices
{
    /// <summary>
    /// Re-embedding after a change of model as a leased job kind, and its status for readiness and the documents API.
    /// Like ingestion, a host without background workers (the CLI, a test stopping them) leaves the jobs to others.
    /// </summary>
    public static IServiceCollection AddReembedding(this IServiceCollection services)
    {
        services.AddSingleton<Reembedder>();
        services.AddScoped<ReembeddingStatus>();
        services.AddJobHandler<ReembedIndexJob>(JobKinds.ReembedIndex, sp => sp.GetRequiredService<IOptions<IngestionOptions>>().Value.WorkerEnabled);
        return services;
    }
}
