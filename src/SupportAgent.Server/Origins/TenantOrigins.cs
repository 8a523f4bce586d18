using Microsoft.EntityFrameworkCore;
using SupportAgent.Core.Data;

namespace SupportAgent.Server.Origins;

/// <summary>Whether a browser origin may use a tenant's widget key: one of the tenant's allowed origins, or this server itself.</summary>
public sealed class TenantOrigins(SupportDbContext db)
{
    public async Task<bool> IsAllowedAsync(HttpRequest request, string tenantId, string origin, CancellationToken ct)
    {
        // The server's own pages (the demo storefront) cannot be impersonated: a browser sets Origin itself.
        if (IsSameOrigin(request, origin)) return true;
        var allowed = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => t.AllowedOrigins).FirstOrDefaultAsync(ct);
        return allowed is not null && allowed.Contains(Normalize(origin), StringComparer.OrdinalIgnoreCase);
    }

    public static bool IsSameOrigin(HttpRequest request, string origin) =>
        string.Equals(Normalize(origin), $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);

    private static string Normalize(string origin) => origin.Trim().TrimEnd('/');
}
