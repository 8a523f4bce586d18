using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SupportAgent.Core.Data;
using SupportAgent.Core.Outcomes;

namespace SupportAgent.Core.Adapters;

public enum NameRelease { Released, NotBound, InUse }

/// <summary>Registers, activates, suspends and removes a tenant's adapter. Every query is scoped to the tenant.</summary>
public sealed class AdapterRegistry(SupportDbContext db, AdapterServerCheck check, ISecretProtector secrets, AdapterHealth health,
    TimeProvider clock, ILogger<AdapterRegistry> log, OutboundEndpointGuard guard)
{
    public Task<Adapter?> FindAsync(string tenantId, CancellationToken ct) =>
        db.Adapters.FirstOrDefaultAsync(a => a.TenantId == tenantId, ct);

    public async Task<Outcome<Adapter>> RegisterAsync(string tenantId, AdapterRegistration registration, CancellationToken ct)
    {
        if (registration.Check() is { } invalid) return invalid;
        var name = registration.Name!;
        var baseModel = registration.BaseModel!.Trim();
        var endpoint = registration.NormalizedEndpoint();
        // Before anything is sent: a refused address never receives a request.
        if (await guard.CheckAsync(endpoint, ct) is { } unsafeEndpoint) return unsafeEndpoint;
        if (await db.AdapterNames.AnyAsync(b => b.Name == name && b.TenantId != tenantId, ct)
            || await db.Adapters.AnyAsync(a => a.Name == name && a.TenantId != tenantId, ct))
            return NameUnavailable(name);
        if (await check.CheckAsync(endpoint, registration.ApiKey, name, baseModel, ct) is { } notServed) return notServed;

        var now = clock.GetUtcNow();
        var adapter = await FindAsync(tenantId, ct);
        // Rotating the key of the same adapter keeps its status; anything else is a different adapter and must earn activation again.
        var sameAdapter = adapter is not null && adapter.Name == name && adapter.BaseModel == baseModel && adapter.Endpoint == endpoint;
        if (adapter is null)
        {
            adapter = new Adapter { TenantId = tenantId, Name = name, BaseModel = baseModel, Endpoint = endpoint };
            db.Adapters.Add(adapter);
        }
        adapter.Name = name;
        adapter.BaseModel = baseModel;
        adapter.Endpoint = endpoint;
        adapter.ProtectedApiKey = string.IsNullOrEmpty(registration.ApiKey) ? null : secrets.Protect(registration.ApiKey);
        if (!sameAdapter)
        {
            adapter.RegisteredAt = now;
            SetStatus(adapter, AdapterStatus.Registered, "Registered; it gets traffic once an evaluation against the base model passes, or when force-activated.");
            adapter.LastComparison = null;
        }
        // The name stays this tenant's after the adapter (or the tenant) is deleted, until the operator releases it.
        if (!await db.AdapterNames.AnyAsync(b => b.Name == name, ct))
            db.AdapterNames.Add(new AdapterNameBinding { Name = name, TenantId = tenantId, BoundAt = now });
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) // two tenants racing for one name: the unique keys decide
        {
            return NameUnavailable(name);
        }
        health.Reset(tenantId);
        log.LogInformation("Tenant {Tenant} registered adapter {Adapter} on {BaseModel} at {Endpoint}", tenantId, name, baseModel, endpoint);
        return adapter;
    }

    /// <summary>
    /// The same refusal whether another tenant holds the name now, held it before, or won a race for it: it names no
    /// tenant and does not tell those cases apart.
    /// </summary>
    private static Refusal NameUnavailable(string name) =>
        Refusal.Conflict($"Adapter name '{name}' is not available; choose another name (names are shared by every tenant of the model server).");

    /// <summary>The operator frees a name for any tenant; refused while an adapter of that name is still registered.</summary>
    public async Task<NameRelease> ReleaseNameAsync(string name, CancellationToken ct)
    {
        if (await db.Adapters.AnyAsync(a => a.Name == name, ct)) return NameRelease.InUse;
        var released = await db.AdapterNames.Where(b => b.Name == name).ExecuteDeleteAsync(ct) > 0;
        if (released) log.LogInformation("Adapter name {Adapter} released by the operator", name);
        return released ? NameRelease.Released : NameRelease.NotBound;
    }

    public async Task<bool> DeleteAsync(string tenantId, CancellationToken ct)
    {
        var removed = await db.Adapters.Where(a => a.TenantId == tenantId).ExecuteDeleteAsync(ct) > 0;
        health.Reset(tenantId);
        return removed;
    }

    public async Task<Adapter?> ActivateAsync(string tenantId, string reason, CancellationToken ct)
    {
        var adapter = await FindAsync(tenantId, ct);
        if (adapter is null) return null;
        SetStatus(adapter, AdapterStatus.Active, reason);
        await db.SaveChangesAsync(ct);
        health.Reset(tenantId);
        log.LogInformation("Tenant {Tenant} activated adapter {Adapter}: {Reason}", tenantId, adapter.Name, reason);
        return adapter;
    }

    /// <summary>Takes an active adapter out of traffic. Only the named adapter, and only if still active (a re-registration may have replaced it).</summary>
    public async Task<bool> SuspendAsync(string tenantId, string name, string reason, CancellationToken ct)
    {
        var adapter = await FindAsync(tenantId, ct);
        if (adapter is null || adapter.Name != name || adapter.Status != AdapterStatus.Active) return false;
        SetStatus(adapter, AdapterStatus.Suspended, reason);
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<Adapter?> RecordComparisonAsync(string tenantId, string name, AdapterComparison comparison, CancellationToken ct)
    {
        var adapter = await FindAsync(tenantId, ct);
        if (adapter is null || adapter.Name != name) return null; // replaced or removed while the evaluation ran
        adapter.LastComparison = comparison;
        if (comparison.Passed) SetStatus(adapter, AdapterStatus.Active, $"Activated by evaluation: {comparison.Verdict}");
        else SetStatus(adapter, AdapterStatus.Registered, $"Not activated: {comparison.Verdict}"); // a loser never keeps traffic
        await db.SaveChangesAsync(ct);
        if (comparison.Passed) health.Reset(tenantId);
        return adapter;
    }

    public string? ApiKeyOf(Adapter adapter) => adapter.ProtectedApiKey is null ? null : secrets.Unprotect(adapter.ProtectedApiKey);

    private void SetStatus(Adapter adapter, AdapterStatus status, string reason)
    {
        adapter.Status = status;
        adapter.StatusReason = reason;
        adapter.StatusChangedAt = clock.GetUtcNow();
    }
}
