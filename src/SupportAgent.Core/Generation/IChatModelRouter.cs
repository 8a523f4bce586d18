using SupportAgent.Core.Adapters;

namespace SupportAgent.Core.Generation;

/// <summary>
/// Picks the chat model(s) for a tenant's request. Generation tries the routes in order: the first is preferred
/// (the tenant's active adapter, if any), the rest are fallbacks (the base model). No routes means no LLM is
/// configured and the extractive answerer is used. Routing never crosses tenants.
/// </summary>
public interface IChatModelRouter
{
    ValueTask<IReadOnlyList<ChatRoute>> RoutesAsync(string tenantId, RoutePreference preference, CancellationToken ct);

    /// <summary>The same, given the tenant's adapter registration when the caller has read it already (null: look it up).</summary>
    ValueTask<IReadOnlyList<ChatRoute>> RoutesAsync(string tenantId, RoutePreference preference, KnownAdapter? known, CancellationToken ct) =>
        RoutesAsync(tenantId, preference, ct);

    /// <summary>Tells the router how a route fared, so it can track health (e.g. suspend a failing adapter).</summary>
    ValueTask ReportAsync(string tenantId, ChatRoute route, bool succeeded, CancellationToken ct);
}

public static class ChatModelRouterExtensions
{
    /// <summary>The routes live traffic uses.</summary>
    public static ValueTask<IReadOnlyList<ChatRoute>> RoutesAsync(this IChatModelRouter router, string tenantId, CancellationToken ct) =>
        router.RoutesAsync(tenantId, RoutePreference.Auto, ct);
}
