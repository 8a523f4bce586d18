using System.Collections.Concurrent;

namespace SupportAgent.Core.Adapters;

/// <summary>
/// The circuit breaker's memory: consecutive failures per tenant adapter. Kept in process because a burst of
/// failures is what matters; the breaker's outcome (suspension) is what gets persisted.
/// </summary>
public sealed class AdapterHealth
{
    private readonly ConcurrentDictionary<(string Tenant, string Adapter), int> failures = new();

    /// <returns>The number of consecutive failures including this one.</returns>
    public int Failed(string tenantId, string adapter) => failures.AddOrUpdate((tenantId, adapter), 1, (_, n) => n + 1);

    public void Succeeded(string tenantId, string adapter) => failures.TryRemove((tenantId, adapter), out _);

    public void Reset(string tenantId) { foreach (var key in failures.Keys.Where(k => k.Tenant == tenantId)) failures.TryRemove(key, out _); }
}
