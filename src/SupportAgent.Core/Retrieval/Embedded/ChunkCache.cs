using System.Collections.Concurrent;

namespace SupportAgent.Core.Retrieval.Embedded;

/// <summary>
/// Chunks the searches have read, per tenant, so a passage retrieved again is not read and parsed from SQLite again.
/// A row never changes in place (a document's new version gets new rows), but SQLite may give a deleted row's id to a
/// new row, so every write of a tenant replaces the tenant's whole cache. A search takes the tenant's cache before it
/// reads anything: if a write lands meanwhile, what the search adds goes to a cache nobody reads any more.
/// </summary>
internal sealed class ChunkCache
{
    /// <summary>Past this many chunks a tenant's cache starts again empty: memory stays bounded for huge tenants.</summary>
    private const int MaxPerTenant = 20_000;

    private readonly ConcurrentDictionary<string, TenantChunks> tenants = new(StringComparer.Ordinal);

    public TenantChunks Of(string tenantId) => tenants.GetOrAdd(tenantId, _ => new TenantChunks());

    /// <summary>
    /// Whether <paramref name="chunks"/> is still the tenant's cache. A search whose ranked lists were built after a
    /// write (its new rows) while it holds the cache from before (the rows that write deleted) must read SQLite, or it
    /// would return both versions of a replaced document.
    /// </summary>
    public bool IsCurrent(string tenantId, TenantChunks chunks) => tenants.TryGetValue(tenantId, out var current) && ReferenceEquals(current, chunks);

    /// <summary>Called by every write of the tenant's rows, after the write.</summary>
    public void Invalidate(string tenantId) => tenants.TryRemove(tenantId, out _);

    internal sealed class TenantChunks
    {
        private readonly ConcurrentDictionary<long, IndexedChunk> chunks = new();

        /// <summary>The chunks of <paramref name="ids"/> that exist; those not cached yet come from <paramref name="read"/>.</summary>
        public Dictionary<long, IndexedChunk> Get(IEnumerable<long> ids, Func<IReadOnlyCollection<long>, Dictionary<long, IndexedChunk>> read)
        {
            var found = new Dictionary<long, IndexedChunk>();
            List<long>? missing = null;
            foreach (var id in ids)
            {
                if (chunks.TryGetValue(id, out var chunk)) found[id] = chunk;
                else (missing ??= []).Add(id);
            }
            if (missing is null) return found;
            if (chunks.Count + missing.Count > MaxPerTenant) chunks.Clear();
            foreach (var (id, chunk) in read(missing))
            {
                found[id] = chunk;
                chunks[id] = chunk;
            }
            return found;
        }
    }
}
