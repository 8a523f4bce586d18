using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using SupportAgent.Core.Data;

namespace SupportAgent.Core.Tenants;

/// <summary>
/// Console sessions as database rows: the cookie holds a random secret, the row its hash. A session counts only while
/// its row exists, so sign-out, key rotation and tenant deletion end it at once on every replica.
/// </summary>
public sealed class StaffSessions(SupportDbContext db, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    /// <summary>Opens a session for a staff or admin key and returns the secret the cookie carries.</summary>
    public async Task<string> StartAsync(ApiKey key, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        // Sessions nobody signed out of would otherwise pile up; dropping the tenant's expired ones here is enough.
        await db.StaffSessions.Where(s => s.TenantId == key.TenantId && s.ExpiresAt < now).ExecuteDeleteAsync(ct);
        db.StaffSessions.Add(new StaffSession
        {
            Id = KeyHasher.Hash(secret), TenantId = key.TenantId, Role = key.Role, KeyHash = key.Hash, CreatedAt = now, ExpiresAt = now + Lifetime,
        });
        await db.SaveChangesAsync(ct);
        return secret;
    }

    /// <summary>True while the session exists and has not expired; sliding, like the cookie, renewed at most every hour.</summary>
    public async Task<bool> IsActiveAsync(string? secret, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > 128) return false;
        var id = KeyHasher.Hash(secret);
        var now = clock.GetUtcNow();
        var session = await db.StaffSessions.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (session is null || session.ExpiresAt <= now) return false;
        if (session.ExpiresAt - now < Lifetime - TimeSpan.FromHours(1))
        {
            session.ExpiresAt = now + Lifetime;
            await db.SaveChangesAsync(ct);
        }
        return true;
    }

    public Task EndAsync(string secret, CancellationToken ct)
    {
        var id = KeyHasher.Hash(secret);
        return db.StaffSessions.Where(s => s.Id == id).ExecuteDeleteAsync(ct);
    }
}
