using Microsoft.AspNetCore.Http.HttpResults;
using SupportAgent.Core.Tenants;
using SupportAgent.Server.Auth;

namespace SupportAgent.Server.Tenants;

public static class TenantsApi
{
    public sealed record CreateTenantRequest(string? Id, string? Name, string[]? AllowedOrigins);
    public sealed record CreateTenantResponse(string Id, string Name, TenantKeys Keys);

    public static RouteGroupBuilder MapTenants(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tenants").WithTags("Tenants").RequireAuthorization(Policies.Operator);
        group.MapPost("/", CreateAsync)
            .WithSummary("Create a tenant and its admin, staff and widget keys (shown once).");
        return group;
    }

    private static async Task<Results<Created<CreateTenantResponse>, ProblemHttpResult>> CreateAsync(
        CreateTenantRequest request, TenantService tenants, CancellationToken ct)
    {
        if (TenantService.ValidateId(request.Id) is { } idError) return Problem(400, idError);
        var name = string.IsNullOrWhiteSpace(request.Name) ? request.Id! : request.Name.Trim();
        if (name.Length > 200) return Problem(400, "Tenant 'name' must be at most 200 characters.");
        var origins = request.AllowedOrigins ?? [];
        if (origins.FirstOrDefault(o => !Uri.TryCreate(o, UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https") || u.PathAndQuery != "/") is { } bad)
            return Problem(400, $"Allowed origin '{bad}' must be a scheme and host such as 'https://shop.example.com'.");
        if (await tenants.ExistsAsync(request.Id!, ct)) return Problem(409, $"Tenant '{request.Id}' already exists.");

        var keys = await tenants.CreateAsync(request.Id!, name, [.. origins.Select(o => o.TrimEnd('/'))], null, ct);
        return TypedResults.Created($"/api/tenants/{request.Id}", new CreateTenantResponse(request.Id!, name, keys));
    }

    private static ProblemHttpResult Problem(int status, string detail) => TypedResults.Problem(statusCode: status, detail: detail);
}
