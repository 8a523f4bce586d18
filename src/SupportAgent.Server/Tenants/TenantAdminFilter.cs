using SupportAgent.Core.Tenants;
using SupportAgent.Server.Auth;

namespace SupportAgent.Server.Tenants;

/// <summary>
/// The tenant's own routes: the operator reaches any tenant, an admin only its own (403 for another, whether or not it
/// exists, as <see cref="TenantRouteFilter"/> does).
/// </summary>
public sealed class TenantAdminFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var role = http.User.FindFirst(SupportClaims.Role)?.Value;
        var routeTenant = http.GetRouteValue("t")?.ToString() ?? "";
        if (role == Roles.Operator)
        {
            http.RequestServices.GetRequiredService<CurrentTenant>().Set(routeTenant);
            return await next(context);
        }
        return await new TenantRouteFilter().InvokeAsync(context, next);
    }
}
