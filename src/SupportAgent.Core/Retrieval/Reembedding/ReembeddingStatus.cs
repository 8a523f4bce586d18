using Microsoft.EntityFrameworkCore;
using SupportAgent.Core.Data;
using SupportAgent.Core.Jobs;

namespace SupportAgent.Core.Retrieval.Reembedding;

/// <summary>
/// Which tenants are being re-embedded, read from the shared job table: every replica reports re-indexing in
/// progress for as long as a re-embedding job waits or runs anywhere. Chunk counts come from the index.
/// </summary>
public sealed class ReembeddingStatus(SupportDbContext db, Reembedder reembedder)
{
    /// <summary>The model the tenant's chunks are being re-embedded with and how many are left, or null when none is.</summary>
    public async Task<Progress?> ForTenantAsync(string tenantId, CancellationToken ct)
    {
        var model = await db.Jobs.AsNoTracking().Where(j => j.Kind == JobKinds.ReembedIndex && j.TenantId == tenantId)
            .Select(j => j.Subject).FirstOrDefaultAsync(ct);
        return model is null ? null : new Progress(model, 1, await ChunksLeftAsync(tenantId, ct));
    }

    /// <summary>Re-embedding across all tenants (counts only, no tenant names), or null when none is in progress.</summary>
    public async Task<Progress?> OverallAsync(CancellationToken ct)
    {
        var jobs = await db.Jobs.AsNoTracking().Where(j => j.Kind == JobKinds.ReembedIndex)
            .Select(j => new { j.TenantId, j.Subject }).ToListAsync(ct);
        if (jobs.Count == 0) return null;
        var chunks = 0;
        foreach (var tenant in jobs.Select(j => j.TenantId).Distinct()) chunks += await ChunksLeftAsync(tenant, ct);
        return new Progress(jobs[0].Subject, jobs.Select(j => j.TenantId).Distinct().Count(), chunks);
    }

    private async Task<int> ChunksLeftAsync(string tenantId, CancellationToken ct) =>
        reembedder.Target is { } target ? await target.CountStaleAsync(tenantId, ct) : 0;

    public sealed record Progress(string Model, int Tenants, int ChunksLeft);
}
