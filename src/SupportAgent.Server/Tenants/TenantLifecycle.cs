using Microsoft.AspNetCore.Http.HttpResults;
using SupportAgent.Core.Tenants;
using SupportAgent.Server.Auth;

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
        var name = patch.Name?.Trim();
        if (name is not null && TenantInput.NameProblem(name) is { } nameError) return TenantsApi.Problem(400, nameError);
        if (patch.AllowedOrigins is { } origins && TenantInput.OriginsProblem(origins) is { } originError) return TenantsApi.Problem(400, originError);
        if (await tenants.FindAsync(tenant.Id, ct) is not { } current) return NotFound(tenant.Id);
        TenantSettings? settings = null;
        if (patch.Settings is { } settingsPatch)
        {
            (settings, var problem) = settingsPatch.ApplyTo(current.Settings);
            if (problem is not null) return TenantsApi.Problem(400, problem);
        }
        var newOrigins = patch.AllowedOrigins is null ? null : TenantInput.NormalizeOrigins(patch.AllowedOrigins);
        var updated = await tenants.UpdateAsync(tenant.Id, name, newOrigins, settings, ct);
        return updated is null ? NotFound(tenant.Id) : TypedResults.Ok(TenantView.From(updated, await tenants.KeysAsync(tenant.Id, ct)));
    }

    public static async Task<Results<Ok<RotatedKey>, ProblemHttpResult>> RotateKeyAsync(string role, CurrentTenant tenant, TenantService tenants, CancellationToken ct)
    {
        ApiKeyRole? parsed = role switch { Roles.Admin => ApiKeyRole.Admin, Roles.Staff => ApiKeyRole.Staff, Roles.Widget => ApiKeyRole.Widget, _ => null };
        if (parsed is null) return TenantsApi.Problem(400, $"Role '{role}' has no key to rotate; use 'admin', 'staff' or 'widget'.");
        return await tenants.RotateKeyAsync(tenant.Id, parsed.Value, ct) is { } key
            ? TypedResults.Ok(new RotatedKey(role, key))
            : NotFound(tenant.Id);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(CurrentTenant tenant, TenantPurge purge, CancellationToken ct) =>
        await purge.DeleteAsync(tenant.Id, ct) ? TypedResults.NoContent() : NotFound(tenant.Id);

    private static ProblemHttpResult NotFound(string tenant) => TenantsApi.Problem(404, $"Tenant '{tenant}' does not exist.");
}
