using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SupportAgent.Core.Data;

namespace SupportAgent.Core.Retrieval.Condensing;

/// <summary>
/// Which words name things in a tenant's knowledge (a product, a hotel, a plan): title words that are rare across the
/// whole knowledge base, titles and text alike. Topic words fail that test even when few titles use them ("room" is in
/// a handful of titles but in thousands of passages), while a name mostly occurs in its own documents. A follow-up like
/// "Do they have parking?" is about the last such entity the conversation mentioned. Rebuilt when documents change.
/// </summary>
public sealed class TitleVocabulary(IServiceScopeFactory scopes) : IEntityVocabulary
{
    /// <summary>A title term shared by more than this share of the titles is a topic word, not part of a name.</summary>
    private const double MaxShare = 0.02;
    private const int MinCeiling = 3;
    /// <summary>How many passages may mention a name for each title that carries it (its own answers repeat it).</summary>
    private const int PassagesPerTitle = 2;
    /// <summary>Passage frequencies are estimated from a sample: exact counts are not needed to tell a name from a topic word.</summary>
    private const int SampledChunks = 5000;

    private readonly ConcurrentDictionary<string, Snapshot> cache = new(StringComparer.Ordinal);

    public async Task<Func<string, bool>> EntityTermsAsync(string tenantId, CancellationToken ct) => (await SnapshotAsync(tenantId, ct)).IsEntity;

    public async Task<EntityNames> NamesAsync(string tenantId, CancellationToken ct) => (await SnapshotAsync(tenantId, ct)).Names;

    /// <summary>One version check per turn instead of one per question asked of the vocabulary.</summary>
    public Task<(Func<string, bool> IsEntity, EntityNames Names)> LookupAsync(string tenantId, CancellationToken ct) =>
        LookupAsync(tenantId, documents: null, ct);

    /// <summary>
    /// With the documents version the turn read together with its conversation, an unchanged vocabulary costs no
    /// database round trip at all; a changed one is re-read as before.
    /// </summary>
    public async Task<(Func<string, bool> IsEntity, EntityNames Names)> LookupAsync(string tenantId, DocumentsVersion? documents, CancellationToken ct)
    {
        var snapshot = documents is not null && cache.TryGetValue(tenantId, out var cached) && cached.Version == documents.Key
            ? cached : await SnapshotAsync(tenantId, ct);
        return (snapshot.IsEntity, snapshot.Names);
    }

    private async Task<Snapshot> SnapshotAsync(string tenantId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SupportDbContext>();
        // A cheap version check (count, last change) decides whether the titles must be read again.
        // One round trip, compiled once.
        var version = (await VersionOf(db, tenantId, ct) ?? new DocumentsVersion(0, null)).Key;
        if (cache.TryGetValue(tenantId, out var snapshot) && snapshot.Version == version) return snapshot;
        var titles = await db.Documents.AsNoTracking().Where(d => d.TenantId == tenantId).Select(d => d.Title).ToListAsync(ct);
        var passages = await db.Chunks.AsNoTracking().Where(c => c.TenantId == tenantId).OrderBy(c => c.Id).Take(SampledChunks).Select(c => c.Text).ToListAsync(ct);
        snapshot = new Snapshot(version, Build(titles, passages), EntityNames.Build(titles));
        cache[tenantId] = snapshot;
        return snapshot;
    }

    private static readonly Func<SupportDbContext, string, CancellationToken, Task<DocumentsVersion?>> VersionOf =
        CompiledQueries.CompileAsyncQuery((SupportDbContext db, string tenantId, CancellationToken ct) =>
            db.Documents.AsNoTracking().Where(d => d.TenantId == tenantId).GroupBy(_ => 1)
                .Select(g => new DocumentsVersion(g.Count(), g.Max(d => (DateTimeOffset?)d.UpdatedAt))).FirstOrDefault());

    internal static Func<string, bool> Build(IReadOnlyCollection<string> titles, IReadOnlyCollection<string>? passages = null)
    {
        var inTitles = Frequencies(titles, null);
        var candidates = inTitles.Where(f => f.Value <= Math.Max(MinCeiling, titles.Count * MaxShare) && !f.Key.All(char.IsDigit))
            .Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        if (passages is { Count: > 0 })
        {
            var inPassages = Frequencies(passages, candidates);
            // A name is written mostly in its own documents; a topic word that a few titles happen to use ("reliable")
            // turns up in passages everywhere, more often than in the titles that carry it.
            candidates.RemoveWhere(t => inPassages.GetValueOrDefault(t) > Math.Min(
                Math.Max(MinCeiling, passages.Count * MaxShare), MinCeiling + PassagesPerTitle * inTitles[t]));
        }
        return candidates.Contains;
    }

    private static Dictionary<string, int> Frequencies(IEnumerable<string> texts, HashSet<string>? only)
    {
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var text in texts)
            foreach (var term in TextAnalysis.Terms(text))
                if (only is null || only.Contains(term)) frequency[term] = frequency.GetValueOrDefault(term) + 1;
        return frequency;
    }

    private sealed record Snapshot(string Version, Func<string, bool> IsEntity, EntityNames Names);
}
