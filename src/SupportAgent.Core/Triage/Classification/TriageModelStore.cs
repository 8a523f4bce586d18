using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SupportAgent.Core.Data;
using SupportAgent.Core.Jobs;

namespace SupportAgent.Core.Triage.Classification;

/// <summary>
/// Tenants' classifiers, kept in the shared database (<see cref="StoredTriageModel"/>, versioned per tenant) so every
/// replica classifies with the same model. Each replica caches the loaded model and asks for a newer version at most
/// every <see cref="TriageOptions.ModelRefresh"/>; the replica that trained one uses it at once.
/// </summary>
public sealed class TriageModelStore(IServiceScopeFactory scopes, TimeProvider clock, IOptions<TriageOptions> options)
{
    private sealed record Cached(int Version, TextClassifier? Classifier, DateTimeOffset CheckedAt);

    private readonly ConcurrentDictionary<string, Cached> cache = new(StringComparer.Ordinal);

    /// <summary>The tenant's newest ready classifier, or null (the rules alone categorise).</summary>
    public async Task<TextClassifier?> FindAsync(string tenantId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (cache.TryGetValue(tenantId, out var cached) && now - cached.CheckedAt < options.Value.ModelRefresh) return cached.Classifier;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SupportDbContext>();
        var newest = await Ready(db, tenantId).Select(m => (int?)m.Version).FirstOrDefaultAsync(ct) ?? 0;
        if (cached is not null && cached.Version == newest)
        {
            cache[tenantId] = cached with { CheckedAt = now };
            return cached.Classifier;
        }
        var stored = newest == 0 ? null : await Ready(db, tenantId).AsNoTracking().FirstOrDefaultAsync(m => m.Version == newest, ct);
        var classifier = stored is null ? null : TriageModelBytes.Load(stored);
        cache[tenantId] = new Cached(stored?.Version ?? 0, classifier, now);
        return classifier;
    }

    /// <summary>What admins see: training while a training job waits or runs, else the newest training's outcome.</summary>
    public async Task<TriageModelStatus> StatusAsync(string tenantId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SupportDbContext>();
        if (await db.Jobs.AnyAsync(j => j.Kind == JobKinds.TrainTriage && j.TenantId == tenantId, ct))
        {
            var examples = await db.TriageExamples.CountAsync(e => e.TenantId == tenantId, ct);
            var categories = await db.TriageExamples.Where(e => e.TenantId == tenantId).Select(e => e.Category).Distinct().OrderBy(c => c).ToListAsync(ct);
            return new TriageModelStatus(TriageModelStatus.Training, examples, categories, null, null, null);
        }
        var last = await db.TriageModels.AsNoTracking().Where(m => m.TenantId == tenantId).OrderByDescending(m => m.Version)
            .Select(m => new { m.State, m.Examples, m.Categories, m.OutOfScopeBelow, m.FinishedAt, m.Error, m.NearestBelow, m.EmbeddingModel, m.Version })
            .FirstOrDefaultAsync(ct);
        return last is null
            ? new TriageModelStatus(TriageModelStatus.None, 0, [], null, null, null)
            : new TriageModelStatus(last.State, last.Examples, last.Categories, last.OutOfScopeBelow, last.State == TriageModelStatus.Ready ? last.FinishedAt : null,
                last.Error, last.NearestBelow, last.EmbeddingModel, last.Version);
    }

    /// <summary>
    /// Stores a training's outcome as the tenant's next version and drops the model bytes of the versions it supersedes
    /// (a failure keeps the last ready model, which goes on serving). The replica that trained uses a new model at once.
    /// </summary>
    public async Task<int> SaveAsync(SupportDbContext db, StoredTriageModel training, TextClassifier? classifier, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var version = (await db.TriageModels.Where(m => m.TenantId == training.TenantId).MaxAsync(m => (int?)m.Version, ct) ?? 0) + 1;
        var stored = new StoredTriageModel
        {
            TenantId = training.TenantId, Version = version, State = training.State, Examples = training.Examples, Categories = training.Categories,
            OutOfScopeBelow = training.OutOfScopeBelow, NearestBelow = training.NearestBelow, EmbeddingModel = training.EmbeddingModel,
            Error = training.Error, StartedAt = training.StartedAt, FinishedAt = training.FinishedAt, TrainedBy = training.TrainedBy,
            Model = training.Model, Vectors = training.Vectors,
        };
        db.TriageModels.Add(stored);
        await db.SaveChangesAsync(ct);
        // Older versions stay as the training history (when, where, outcome) without their bytes, which nobody loads
        // again; a failure keeps the newest ready model, which goes on serving.
        var keep = training.State == TriageModelStatus.Ready ? version
            : await Ready(db, training.TenantId).Select(m => (int?)m.Version).FirstOrDefaultAsync(ct) ?? version;
        await db.TriageModels.Where(m => m.TenantId == training.TenantId && m.Version < keep && m.Model != null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Model, (byte[]?)null).SetProperty(m => m.Vectors, (byte[]?)null), ct);
        await tx.CommitAsync(ct);
        db.Entry(stored).State = EntityState.Detached;
        if (classifier is not null) cache[training.TenantId] = new Cached(version, classifier, clock.GetUtcNow());
        return version;
    }

    /// <summary>Drops this replica's cached model (the tenant is being deleted; its rows go with the tenant's).</summary>
    public void Forget(string tenantId) => cache.TryRemove(tenantId, out _);

    private static IQueryable<StoredTriageModel> Ready(SupportDbContext db, string tenantId) =>
        db.TriageModels.Where(m => m.TenantId == tenantId && m.State == TriageModelStatus.Ready && m.Model != null).OrderByDescending(m => m.Version);
}
