using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SupportAgent.Core.Data;

namespace SupportAgent.Core.Retrieval.Condensing;

/// <summary>
/// Which words name things in a tenant's knowledge: terms of document titles that few titles share (a product, a hotel,
/// a plan), as opposed to words every title uses ("policy", "hotel"). A follow-up like "Do they have parking?" is
/// about the last such entity the conversation mentioned. Built from the tenant's titles and rebuilt when they change.
/// </summary>
public sealed class TitleVocabulary(IServiceScopeFactory scopes) : IEntityVocabulary
{
    /// <summary>A title term shared by more than this share of the titles is a topic word, not part of a name.</summary>
    private const double MaxShare = 0.02;
    private const int MinCeiling = 3;

    private readonly ConcurrentDictionary<string, Snapshot> cache = new(StringComparer.Ordinal);

    public async Task<Func<string, bool>> EntityTermsAsync(string tenantId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SupportDbContext>();
        var documents = db.Documents.AsNoTracking().Where(d => d.TenantId == tenantId);
        // A cheap version check (count, last change) decides whether the titles must be read again.
        var version = $"{await documents.CountAsync(ct)}:{await documents.MaxAsync(d => (DateTimeOffset?)d.UpdatedAt, ct)}";
        if (cache.TryGetValue(tenantId, out var snapshot) && snapshot.Version == version) return snapshot.IsEntity;
        var titles = await documents.Select(d => d.Title).ToListAsync(ct);
        snapshot = new Snapshot(version, Build(titles));
        cache[tenantId] = snapshot;
        return snapshot.IsEntity;
    }

    internal static Func<string, bool> Build(IReadOnlyCollection<string> titles)
    {
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var title in titles)
            foreach (var term in TextAnalysis.Terms(title))
                frequency[term] = frequency.GetValueOrDefault(term) + 1;
        var ceiling = Math.Max(MinCeiling, (int)(titles.Count * MaxShare));
        var entities = frequency.Where(f => f.Value <= ceiling && !f.Key.All(char.IsDigit)).Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        return entities.Contains;
    }

    private sealed record Snapshot(string Version, Func<string, bool> IsEntity);
}
