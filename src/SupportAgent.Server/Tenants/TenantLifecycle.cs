using Microsoft.AspNetCore.Http.HttpResults;
using SupportAgent.Core.Outcomes;
using SupportAgent.Core.Tenants;
using SupportAgent.Server.Auth;
using SupportAgent.Server.Hosting;

namespace SupportAgent.Server.Tenants;

/// <summary>A tenant's own record: read and change it, rotate its keys, delete it.</summary>
public static class TenantLifecycle
{
    public static async Task<Results<Ok<TenantView>, ProblemHttpResult>> GetAsync(CurrentTenant tenant, TenantService tenants, CancellationToken ct) =>
        await tenants.FindAsync(tenant.Id, ct) is { } found
            ? TypedResults.Ok(TenantView.From(found, await tenants.KeysAsync(tenant.Id, ct)))
            : NotFound(tenant.Id);

    public static async Task<Results<Ok<TenantView>, ProblemHttpResult>> UpdateAsync(TenantPatch patch, CurrentTenant tenant, TenantService tenants, CancellationToken ct)
    {
        var change = await tenants.UpdateAsync(tenant.Id, patch, ct);
        return change.Value is { } updated
            ? TypedResults.Ok(TenantView.From(updated, await tenants.KeysAsync(tenant.Id, ct)))
            : change.Refusal!.ToProblem();
    }

    public static async Task<Results<Ok<RotatedKey>, ProblemHttpResult>> RotateKeyAsync(string role, CurrentTenant tenant, TenantService tenants, CancellationToken ct)
    {
        ApiKeyRole? parsed = role switch { Roles.Admin => ApiKeyRole.Admin, Roles.Staff => ApiKeyRole.Staff, Roles.Widget => ApiKeyRole.Widget, _ => null };
        if (parsed is null) return Refusal.Invalid($"Role '{role}' has no key to rotate; use 'admin', 'staff' or 'widget'.").ToProblem();
        return await tenants.RotateKeyAsync(tenant.Id, parsed.Value, ct) is { } key
            ? TypedResults.Ok(new RotatedKey(role, key))
            : NotFound(tenant.Id);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(CurrentTenant tenant, TenantPurge purge, CancellationToken ct) =>
        await purge.DeleteAsync(tenant.Id, ct) ? TypedResults.NoContent() : NotFound(tenant.Id);

    private static ProblemHttpResult NotFound(string tenant) => Refusal.NotFound($"Tenant '{tenant}' does not exist.").ToProblem();
}
