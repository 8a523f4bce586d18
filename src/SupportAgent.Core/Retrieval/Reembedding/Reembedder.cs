using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using SupportAgent.Core.Retrieval.Embeddings;

namespace SupportAgent.Core.Retrieval.Reembedding;

/// <summary>
/// Gives a tenant's chunks vectors of the configured embedding model, in batches, straight from the index's stored
/// text, without re-parsing or touching documents' status. Each batch is written before the next is read and only
/// chunks still lacking the model's vectors are read, so work interrupted anywhere resumes where it stopped and is
/// never done twice. Meanwhile those chunks stay answerable through lexical search.
/// </summary>
public sealed class Reembedder(IKnowledgeIndex index, ILogger<Reembedder> log, IEmbeddingGenerator<string, Embedding<float>>? embedder = null)
{
    /// <summary>Chunks embedded per call: big enough for the model's batching, small enough that progress is written often.</summary>
    public const int BatchSize = 64;

    /// <summary>The index to re-embed, or null when it keeps no model-keyed vectors (no embedder configured).</summary>
    public IReembeddingIndex? Target => index is IReembeddingIndex { VectorModel: not null } target && embedder is not null ? target : null;

    /// <summary>Re-embeds the tenant's stale chunks until none is left or <paramref name="ct"/> is cancelled; returns the chunks re-embedded.</summary>
    public async Task<int> ReembedTenantAsync(string tenantId, CancellationToken ct)
    {
        var target = Target ?? throw new InvalidOperationException("The configured index keeps no model-keyed vectors.");
        var done = 0;
        log.LogInformation("Re-embedding {Chunks} chunks of tenant {Tenant} with {Model}", await target.CountStaleAsync(tenantId, ct), tenantId, target.VectorModel);
        while (await target.StaleChunksAsync(tenantId, BatchSize, ct) is { Count: > 0 } batch)
        {
            var vectors = await embedder!.EmbedPassagesAsync(batch.Select(c => c.EmbeddingText), ct);
            await target.UpdateVectorsAsync(tenantId, [.. batch.Select((c, i) => (c, vectors[i]))], ct);
            done += batch.Count;
        }
        return done;
    }

    /// <summary>Every tenant with stale chunks, one after the other (the CLI's foreground re-index); returns the chunks re-embedded.</summary>
    public async Task<int> ReembedAllAsync(CancellationToken ct)
    {
        var target = Target ?? throw new InvalidOperationException("The configured index keeps no model-keyed vectors.");
        var done = 0;
        foreach (var tenant in await target.TenantsWithStaleVectorsAsync(ct)) done += await ReembedTenantAsync(tenant, ct);
        return done;
    }
}
