namespace SupportAgent.Server.Auth;

/// <summary>
/// Guards every <c>/api/tenants/{t}/…</c> route: the key's tenant must be the route's tenant. A key of another
/// tenant gets 403 whether or not the route's tenant exists, so keys cannot be used to probe for tenants.
/// </summary>
public sealed class TenantRouteFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var routeTenant = http.GetRouteValue("t")?.ToString();
        var keyTenant = http.User.FindFirst(SupportClaims.Tenant)?.Value;
        if (routeTenant is null || keyTenant is null || !string.Equals(routeTenant, keyTenant, StringComparison.Ordinal))
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                detail: $"This key does not belong to tenant '{routeTenant}'.");
        http.RequestServices.GetRequiredService<CurrentTenant>().Set(routeTenant);
        return await next(context);
    }
}

public static class TenantRouteGroup
{
    /// <summary>The route group every tenant-scoped feature hangs off.</summary>
    public static RouteGroupBuilder MapTenantGroup(this IEndpointRouteBuilder app, string suffix, string tag) =>
        app.MapGroup($"/api/tenants/{{t}}/{suffix}").AddEndpointFilter<TenantRouteFilter>().WithTags(tag).DisableAntiforgery();
}
