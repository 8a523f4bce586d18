namespace SupportAgent.Core.Tenants;

/// <summary>The outcome of changing a tenant: the tenant, or an HTTP-style status with a detail naming what is wrong.</summary>
public sealed record TenantChange(Tenant? Tenant, int Status, string? Problem = null)
{
    public static TenantChange Refused(int status, string problem) => new(null, status, problem);
}
