namespace SupportAgent.Core.Tenants;

/// <summary>A tenant as its admin sees it: never a key, only each key's prefix and age, so a rotation can be checked.</summary>
public sealed record TenantView(string Id, string Name, IReadOnlyList<string> AllowedOrigins, TenantSettings Settings,
    DateTimeOffset CreatedAt, IReadOnlyList<TenantView.KeyView> Keys)
{
    public sealed record KeyView(string Role, string Prefix, DateTimeOffset CreatedAt);

    public static TenantView From(Tenant tenant, IEnumerable<ApiKey> keys) => new(tenant.Id, tenant.Name, tenant.AllowedOrigins, tenant.Settings,
        tenant.CreatedAt, [.. keys.OrderBy(k => k.Role).Select(k => new KeyView(Roles.Name(k.Role), k.Prefix, k.CreatedAt))]);
}

public sealed record RotatedKey(string Role, string Key);
