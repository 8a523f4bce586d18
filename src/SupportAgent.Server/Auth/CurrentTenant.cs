namespace SupportAgent.Server.Auth;

/// <summary>The tenant of this request, resolved once by <see cref="TenantRouteFilter"/> from the route and checked against the key.</summary>
public sealed class CurrentTenant
{
    private string? id;

    public string Id => id ?? throw new InvalidOperationException("No tenant resolved for this request.");

    internal void Set(string tenantId) => id = tenantId;
}
