using SupportAgent.Core.Tenants;
using SupportAgent.Server.Auth;

namespace SupportAgent.Server.Origins;

/// <summary>
/// A widget key is public (it sits in the tenant's page source), so it only works from the tenant's allowed origins:
/// any request authenticated with one that carries a foreign <c>Origin</c> (HTTP API, hub negotiate and connect) is
/// refused. Requests without <c>Origin</c> come from servers and scripts, not from another site's visitors.
/// </summary>
public sealed class WidgetOriginCheck(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, TenantOrigins origins, IProblemDetailsService problems)
    {
        var origin = context.Request.Headers.Origin.ToString();
        var user = context.User;
        if (origin.Length > 0 && user.FindFirst(SupportClaims.Role)?.Value == Roles.Widget
            && user.FindFirst(SupportClaims.Tenant)?.Value is { } tenant
            && !await origins.IsAllowedAsync(context.Request, tenant, origin, context.RequestAborted))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status403Forbidden, Title = "Origin not allowed",
                    Detail = $"The widget key of tenant '{tenant}' cannot be used from '{origin}'; add it to the tenant's allowedOrigins.",
                },
            });
            return;
        }
        await next(context);
    }
}
