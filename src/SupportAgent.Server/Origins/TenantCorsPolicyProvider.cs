using Microsoft.AspNetCore.Cors.Infrastructure;

namespace SupportAgent.Server.Origins;

/// <summary>
/// CORS per tenant: <c>/api/tenants/{t}/…</c> answers cross-origin only to that tenant's allowed origins. The hub's
/// URL names no tenant (the key does), so CORS lets any origin through there and <see cref="WidgetOriginCheck"/>
/// refuses the wrong ones once the key is known. Credentials are never allowed cross-origin: the console's cookie
/// is for the console's own pages.
/// </summary>
public sealed class TenantCorsPolicyProvider : ICorsPolicyProvider
{
    public async Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(origin)) return null;
        if (context.Request.Path.StartsWithSegments("/hubs")) return Allow(origin);
        if (TenantOf(context.Request.Path) is not { } tenant) return null;
        var origins = context.RequestServices.GetRequiredService<TenantOrigins>();
        return await origins.IsAllowedAsync(context.Request, tenant, origin, context.RequestAborted) ? Allow(origin) : null;
    }

    private static CorsPolicy Allow(string origin) =>
        new CorsPolicyBuilder().WithOrigins(origin).AllowAnyHeader().AllowAnyMethod().SetPreflightMaxAge(TimeSpan.FromMinutes(10)).Build();

    private static string? TenantOf(PathString path)
    {
        var segments = path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments is ["api", "tenants", var tenant, ..] ? tenant : null;
    }
}
