using SupportAgent.Core.Outcomes;

namespace SupportAgent.Core.Tenants;

/// <summary>The checks shared by creating and changing a tenant.</summary>
public static class TenantInput
{
    public const int MaxOrigins = 50;

    public static Refusal? CheckName(string name) =>
        name.Length is 0 or > 200 ? Refusal.Invalid("Tenant 'name' must be 1-200 characters.") : null;

    public static Refusal? CheckOrigins(IReadOnlyList<string?> origins)
    {
        if (origins.Count > MaxOrigins) return Refusal.Invalid($"At most {MaxOrigins} allowed origins.");
        return origins.FirstOrDefault(o => !Uri.TryCreate(o, UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https") || u.PathAndQuery != "/" || u.UserInfo.Length > 0 || u.Fragment.Length > 0) is { } bad
            ? Refusal.Invalid($"Allowed origin '{bad}' must be a scheme and host such as 'https://shop.example.com'.")
            : null;
    }

    public static List<string> NormalizeOrigins(IEnumerable<string?> origins) => [.. origins.Select(o => o!.Trim().TrimEnd('/')).Distinct(StringComparer.OrdinalIgnoreCase)];
}
