using System.Collections.Concurrent;

namespace SupportAgent.Core.Retrieval.Reembedding;

/// <summary>Which tenants' chunks are waiting for vectors of the configured model, and how many: for readiness and the documents API.</summary>
public sealed class ReembeddingStatus
{
    private readonly ConcurrentDictionary<string, int> remaining = new(StringComparer.Ordinal);

    /// <summary>The model being re-embedded to, once a pass has found work.</summary>
    public string? Model { get; private set; }

    public bool InProgress => !remaining.IsEmpty;

    public int ChunksLeft => remaining.Values.Sum();

    public int TenantsLeft => remaining.Count;

    /// <summary>The tenant's chunks still without a vector of the model (0 when it is fully embedded).</summary>
    public int ChunksLeftFor(string tenantId) => remaining.GetValueOrDefault(tenantId);

    internal void Set(string model, string tenantId, int chunks)
    {
        Model = model;
        if (chunks > 0) remaining[tenantId] = chunks;
        else remaining.TryRemove(tenantId, out _);
    }
}
