using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SupportAgent.Core.Data;
using SupportAgent.Core.Outcomes;

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

    public Task<Tenant?> FindAsync(string id, CancellationToken ct) => db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);

    public async Task<IReadOnlyList<ApiKey>> KeysAsync(string id, CancellationToken ct) =>
        await db.ApiKeys.AsNoTracking().Where(k => k.TenantId == id).ToListAsync(ct);

    /// <summary>
    /// Applies a change (members left out stay as they are) after checking all of it: a value out of range changes
    /// nothing. The API and the CLI share it.
    /// </summary>
    public async Task<Outcome<Tenant>> UpdateAsync(string id, TenantPatch patch, CancellationToken ct)
    {
        var name = patch.Name?.Trim();
        if (name is not null && TenantInput.CheckName(name) is { } badName) return badName;
        if (patch.AllowedOrigins is { } origins && TenantInput.CheckOrigins(origins) is { } badOrigins) return badOrigins;
        var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (tenant is null) return Refusal.NotFound($"Tenant '{id}' does not exist.");
        if (patch.Settings is { } settingsPatch)
        {
            var settings = settingsPatch.ApplyTo(tenant.Settings);
            if (settings.Refusal is { } outOfRange) return outOfRange;
            tenant.Settings = settings.Value!;
        }
        if (name is not null) tenant.Name = name;
        if (patch.AllowedOrigins is not null) tenant.AllowedOrigins = TenantInput.NormalizeOrigins(patch.AllowedOrigins);
        await db.SaveChangesAsync(ct);
        return tenant;
    }

    /// <summary>
    /// Replaces the tenant's key of <paramref name="role"/> with a new one and returns it. The old key is refused from the
    /// next request on, and the console sessions it opened end with it (every replica reads the same rows).
    /// Null when the tenant does not exist.
    /// </summary>
    public async Task<string?> RotateKeyAsync(string tenantId, ApiKeyRole role, CancellationToken ct)
    {
        if (!await ExistsAsync(tenantId, ct)) return null;
        var key = KeyHasher.NewKey(role);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var old = await db.ApiKeys.Where(k => k.TenantId == tenantId && k.Role == role).Select(k => k.Hash).ToListAsync(ct);
        await db.StaffSessions.Where(s => old.Contains(s.KeyHash)).ExecuteDeleteAsync(ct);
        await db.ApiKeys.Where(k => old.Contains(k.Hash)).ExecuteDeleteAsync(ct);
        db.ApiKeys.Add(new ApiKey { Hash = KeyHasher.Hash(key), TenantId = tenantId, Role = role, Prefix = key[..Math.Min(12, key.Length)], CreatedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return key;
    }

    /// <summary>Every API request and hub connection authenticates through this read, so it is compiled once (the same SQL).</summary>
    public Task<ApiKey?> FindKeyAsync(string key, CancellationToken ct) => KeyByHash(db, KeyHasher.Hash(key), ct);

    private static readonly Func<SupportDbContext, string, CancellationToken, Task<ApiKey?>> KeyByHash =
        CompiledQueries.CompileAsyncQuery((SupportDbContext db, string hash, CancellationToken ct) => db.ApiKeys.AsNoTracking().FirstOrDefault(k => k.Hash == hash));
}
