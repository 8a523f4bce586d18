using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using SupportAgent.Core.Data;

namespace SupportAgent.Core.Handoff;

/// <summary>
/// A tenant's approved answers, read once rather than on every customer turn (each turn searches them first). Changes
/// made in this process invalidate the tenant's entry at once; changes made by another replica show within
/// <see cref="Lifetime"/>. Entries are read-only snapshots shared by concurrent turns: never attach or modify them.
/// </summary>
public sealed class ApprovedAnswerCache(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> generations = new(StringComparer.Ordinal);

    public async ValueTask<IReadOnlyList<ApprovedAnswer>> ForTenantAsync(string tenantId, SupportDbContext db, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (entries.TryGetValue(tenantId, out var cached) && now - cached.LoadedAt < Lifetime) return cached.Answers;
        var generation = generations.GetValueOrDefault(tenantId);
        var answers = await db.ApprovedAnswers.AsNoTracking().Where(a => a.TenantId == tenantId).ToListAsync(ct);
        // A change that landed while this read ran may be missing from it: keep the read for this turn only.
        if (generations.GetValueOrDefault(tenantId) == generation) entries[tenantId] = new Entry(answers, now);
        return answers;
    }

    /// <summary>The tenant's approved answers changed: the next turn reads them again.</summary>
    public void Invalidate(string tenantId)
    {
        generations.AddOrUpdate(tenantId, 1, (_, g) => g + 1);
        entries.TryRemove(tenantId, out _);
    }

    private sealed record Entry(IReadOnlyList<ApprovedAnswer> Answers, DateTimeOffset LoadedAt);
}
