using Microsoft.AspNetCore.Http.HttpResults;
using SupportAgent.Core.Outcomes;
using SupportAgent.Core.Tenants;
using SupportAgent.Server.Auth;
using SupportAgent.Server.Hosting;
using SupportAgent.Server.Validation;

namespace SupportAgent.Server.Tenants;

public static class TenantsApi
{
    public sealed record CreateTenantRequest([property: TenantId] string? Id, [property: TenantName] string? Name, [property: AllowedOrigins] string[]? AllowedOrigins);
    public sealed record CreateTenantResponse(string Id, string Name, TenantKeys Keys);

    public static RouteGroupBuilder MapTenants(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tenants").WithTags("Tenants").DisableAntiforgery();
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.Operator)
            .WithSummary("Create a tenant and its admin, staff and widget keys (shown once).");

        var tenant = group.MapGroup("/{t}").AddEndpointFilter<TenantAdminFilter>();
        tenant.MapGet("/", TenantLifecycle.GetAsync).RequireAuthorization(Policies.AdminOrOperator)
            .WithSummary("The tenant: name, allowed origins, settings, and its keys' prefixes.");
        tenant.MapPatch("/", TenantLifecycle.UpdateAsync).RequireAuthorization(Policies.AdminOrOperator)
            .WithSummary("Change the name, the allowed origins (replaced as a whole) or any settings (only those given).");
        tenant.MapPost("/keys/{role}/rotate", TenantLifecycle.RotateKeyAsync).RequireAuthorization(Policies.AdminOrOperator)
            .WithSummary("Replace the admin, staff or widget key; the old key and everything it opened (console sessions, conversation tokens) stop working at once.");
        tenant.MapDelete("/", TenantLifecycle.DeleteAsync).RequireAuthorization(Policies.Operator)
            .WithSummary("Delete the tenant with its documents, index points, conversations and models (operator).");
        return group;
    }

    private static async Task<Results<Created<CreateTenantResponse>, ProblemHttpResult>> CreateAsync(
        CreateTenantRequest request, TenantService tenants, CancellationToken ct)
    {
        var name = string.IsNullOrWhiteSpace(request.Name) ? request.Id! : request.Name.Trim();
        var origins = request.AllowedOrigins ?? [];
        if (await tenants.ExistsAsync(request.Id!, ct)) return Refusal.Conflict($"Tenant '{request.Id}' already exists.").ToProblem();

        var keys = await tenants.CreateAsync(request.Id!, name, TenantInput.NormalizeOrigins(origins), null, ct);
        return TypedResults.Created($"/api/tenants/{request.Id}", new CreateTenantResponse(request.Id!, name, keys));
    }

}
