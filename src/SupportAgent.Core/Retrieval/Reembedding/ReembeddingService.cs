using Microsoft.Extensions.AI;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SupportAgent.Core.Retrieval.Embeddings;

namespace SupportAgent.Core.Retrieval.Reembedding;

/// <summary>
/// Gives every chunk a vector of the configured embedding model, in the background: after a change of model (or an
/// index written without one) each tenant's chunks are re-embedded in batches, straight from the index's stored text,
/// without re-parsing or touching documents' status. Meanwhile those chunks stay answerable through lexical search.
/// It looks again every <see cref="Interval"/>, which costs one indexed query when there is nothing to do.
/// </summary>
public sealed class ReembeddingService(IKnowledgeIndex index, ReembeddingStatus status, TimeProvider clock, ILogger<ReembeddingService> log,
    IEmbeddingGenerator<string, Embedding<float>>? embedder = null) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private const int BatchSize = 64;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (index is not IReembeddingIndex reembeddable || reembeddable.VectorModel is null || embedder is null) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await RunOnceAsync(reembeddable, stoppingToken); }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested) { log.LogError(e, "Re-embedding pass failed; retrying in {Interval}", Interval); }
            await Task.Delay(Interval, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>One pass over every tenant with chunks lacking the model's vectors; returns the chunks re-embedded.</summary>
    public async Task<int> RunOnceAsync(IReembeddingIndex target, CancellationToken ct)
    {
        var model = target.VectorModel!;
        var done = 0;
        var tenants = await target.TenantsWithStaleVectorsAsync(ct);
        foreach (var tenant in tenants) status.Set(model, tenant, await target.CountStaleAsync(tenant, ct));
        foreach (var tenant in tenants)
        {
            log.LogInformation("Re-embedding {Chunks} chunks of tenant {Tenant} with {Model}", status.ChunksLeftFor(tenant), tenant, model);
            while (await target.StaleChunksAsync(tenant, BatchSize, ct) is { Count: > 0 } batch)
            {
                var vectors = await embedder!.EmbedPassagesAsync(batch.Select(c => c.EmbeddingText), ct);
                await target.UpdateVectorsAsync(tenant, [.. batch.Select((c, i) => (c.Key, vectors[i]))], ct);
                done += batch.Count;
                status.Set(model, tenant, Math.Max(0, status.ChunksLeftFor(tenant) - batch.Count));
            }
            status.Set(model, tenant, 0);
        }
        return done;
    }
}
