using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SupportAgent.Core.Data;
using SupportAgent.Core.Retrieval;

namespace SupportAgent.Server.Health;

/// <summary>The database answers a query and has no pending migrations.</summary>
public sealed class DatabaseReadiness(SupportDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (!await db.Database.CanConnectAsync(ct)) return HealthCheckResult.Unhealthy("The database cannot be reached.");
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        return pending.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"The database has {pending.Count} pending migration(s): {string.Join(", ", pending)}.");
    }
}

/// <summary>
/// The knowledge index answers a search. It searches a tenant id no real tenant can have (ids are lowercase letters,
/// digits and '-'), so the probe works the same for every index implementation and never reads a tenant's data.
/// </summary>
public sealed class IndexReadiness(IKnowledgeIndex index) : IHealthCheck
{
    public const string ProbeTenant = "__readiness__";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        await index.SearchAsync(ProbeTenant, new SearchQuery("readiness probe", 1), ct);
        return HealthCheckResult.Healthy();
    }
}

/// <summary>
/// Healthy always (keyword search answers meanwhile), but says when chunks are being re-embedded for a new embedding
/// model, so an operator who changed the model sees that dense search is still catching up. Counts only, no tenant names.
/// </summary>
public sealed class ReembeddingReadiness(SupportAgent.Core.Retrieval.Reembedding.ReembeddingStatus status) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        await status.OverallAsync(ct) is { } progress
            ? HealthCheckResult.Healthy($"Re-indexing in progress: {progress.ChunksLeft} chunks of {progress.Tenants} tenant(s) are being embedded with {progress.Model}; they answer from keyword search meanwhile.")
            : HealthCheckResult.Healthy();
}
