using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportAgent.Core.Data;
using SupportAgent.Core.Generation;

namespace SupportAgent.Core.Adapters;

/// <summary>
/// Decorates the base router: a tenant with an active adapter gets [adapter, then the base routes]; everyone else
/// gets the base routes. The adapter is looked up by the requesting tenant only, so routing never crosses tenants.
/// Failures reported for the adapter (live traffic only:
/// pinned evaluation turns never report) feed a circuit breaker that suspends it after <see cref="AdapterOptions.FailureThreshold"/>.
/// </summary>
public sealed class AdapterAwareChatModelRouter(IChatModelRouter inner, IServiceScopeFactory scopes, AdapterClients clients,
    AdapterHealth health, IOptions<AdapterOptions> options, ILogger<AdapterAwareChatModelRouter> log) : IChatModelRouter
{
    public ValueTask<IReadOnlyList<ChatRoute>> RoutesAsync(string tenantId, RoutePreference preference, CancellationToken ct) =>
        RoutesAsync(tenantId, preference, known: null, ct);

    /// <param name="known">The tenant's registration as the turn read it: most turns' tenants have none, and then no scope is opened.</param>
    public async ValueTask<IReadOnlyList<ChatRoute>> RoutesAsync(string tenantId, RoutePreference preference, KnownAdapter? known, CancellationToken ct)
    {
        var baseRoutes = preference == RoutePreference.Adapter ? [] : await inner.RoutesAsync(tenantId, preference, ct);
        if (preference == RoutePreference.Base) return baseRoutes;
        if (known is { Registration: null }) return baseRoutes;

        await using var scope = scopes.CreateAsyncScope();
        var adapter = known is not null ? known.Registration : await AdapterOf(scope.ServiceProvider.GetRequiredService<SupportDbContext>(), tenantId, ct);
        // The evaluation gate measures a not-yet-active adapter; live traffic only ever reaches an active one.
        if (adapter is null || (adapter.Status != AdapterStatus.Active && preference != RoutePreference.Adapter)) return baseRoutes;

        // The registry (key decryption) only for a tenant that has an adapter: most turns have none.
        var registry = scope.ServiceProvider.GetRequiredService<AdapterRegistry>();
        var route = new ChatRoute(clients.For(adapter.Endpoint, registry.ApiKeyOf(adapter), adapter.Name), adapter.Name, adapter.Name);
        return [route, .. baseRoutes];
    }

    /// <summary>Compiled once: this read runs on every generated answer.</summary>
    private static readonly Func<SupportDbContext, string, CancellationToken, Task<Adapter?>> AdapterOf =
        CompiledQueries.CompileAsyncQuery((SupportDbContext db, string tenantId, CancellationToken ct) => db.Adapters.AsNoTracking().FirstOrDefault(a => a.TenantId == tenantId));

    public async ValueTask ReportAsync(string tenantId, ChatRoute route, bool succeeded, CancellationToken ct)
    {
        if (route.Adapter is null) { await inner.ReportAsync(tenantId, route, succeeded, ct); return; }
        if (succeeded) { health.Succeeded(tenantId, route.Adapter); return; }

        var failures = health.Failed(tenantId, route.Adapter);
        if (failures < options.Value.FailureThreshold) return;
        await using var scope = scopes.CreateAsyncScope();
        var reason = $"Suspended after {failures} consecutive failures (errors or timeouts); customers are answered by the base model. "
            + "Fix the adapter server, then re-run the evaluation or POST …/adapter/activate.";
        if (await scope.ServiceProvider.GetRequiredService<AdapterRegistry>().SuspendAsync(tenantId, route.Adapter, reason, CancellationToken.None))
            log.LogWarning("Adapter {Adapter} of tenant {Tenant} suspended after {Failures} consecutive failures; traffic stays on the base model",
                route.Adapter, tenantId, failures);
    }
}
