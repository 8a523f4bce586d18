using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SupportAgent.Core.Data;

namespace SupportAgent.Core.Tenants;

public sealed partial class TenantService(SupportDbContext db, TimeProvider clock)
{
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,62}$")]
    private static partial Regex IdPattern();

    public static string? ValidateId(string? id) =>
        string.IsNullOrWhiteSpace(id) ? "Tenant 'id' is required."
        : IdPattern().IsMatch(id) ? null
        : "Tenant 'id' must be 2-63 characters of lowercase letters, digits and '-', starting with a letter or digit.";

    public Task<bool> ExistsAsync(string id, CancellationToken ct) => db.Tenants.AnyAsync(t => t.Id == id, ct);

    /// <summary>Creates the tenant and its three keys in one transaction. Pass <paramref name="keys"/> to use known keys (demo seeding).</summary>
    public async Task<TenantKeys> CreateAsync(string id, string name, IReadOnlyList<string> allowedOrigins, TenantKeys? keys, CancellationToken ct)
    {
        keys ??= new TenantKeys(KeyHasher.NewKey(ApiKeyRole.Admin), KeyHasher.NewKey(ApiKeyRole.Staff), KeyHasher.NewKey(ApiKeyRole.Widget));
        var now = clock.GetUtcNow();
        db.Tenants.Add(new Tenant { Id = id, Name = name, AllowedOrigins = [.. allowedOrigins], CreatedAt = now });
        db.ApiKeys.AddRange(
            NewKey(keys.Admin, ApiKeyRole.Admin),
            NewKey(keys.Staff, ApiKeyRole.Staff),
            NewKey(keys.Widget, ApiKeyRole.Widget));
        await db.SaveChangesAsync(ct);
        return keys;

        ApiKey NewKey(string key, ApiKeyRole role) =>
            new() { Hash = KeyHasher.Hash(key), TenantId = id, Role = role, Prefix = key[..Math.Min(12, key.Length)], CreatedAt = now };
    }

    public Task<ApiKey?> FindKeyAsync(string key, CancellationToken ct)
    {
        var hash = KeyHasher.Hash(key);
        return db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Hash == hash, ct);
    }
}
