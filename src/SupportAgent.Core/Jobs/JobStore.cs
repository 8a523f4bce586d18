using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SupportAgent.Core.Data;

namespace SupportAgent.Core.Jobs;

/// <summary>
/// The job table's contract, in SQL both engines run: enqueue merges into a waiting row; a claim leases one due job
/// atomically. On PostgreSQL concurrent claims skip each other's rows (<c>FOR UPDATE SKIP LOCKED</c>), so replicas never
/// take the same job; SQLite serialises writers, which gives one process the same guarantee.
/// </summary>
public sealed class JobStore(SupportDbContext db, TimeProvider clock, IOptions<JobOptions> options)
{
    /// <summary>
    /// Asks for a job (within the caller's transaction, if any). Asking again for one that waits or runs bumps its
    /// generation, so a running job is run once more after it finishes instead of the request being lost.
    /// </summary>
    public Task EnqueueAsync(string kind, string tenantId, string subject, CancellationToken ct) => InsertAsync(kind, tenantId, subject, merge: true, ct);

    /// <summary>Makes sure a job exists, leaving one that already waits or runs as it is (the sweep for work without a job).</summary>
    public Task EnsureAsync(string kind, string tenantId, string subject, CancellationToken ct) => InsertAsync(kind, tenantId, subject, merge: false, ct);

    private async Task InsertAsync(string kind, string tenantId, string subject, bool merge, CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var last = await db.Jobs.Where(j => j.TenantId == tenantId).MaxAsync(j => (long?)j.Rank, ct);
        var rank = Math.Max(now, (last ?? long.MinValue / 2) + (long)options.Value.FairShare.TotalMilliseconds);
        var onConflict = merge ? """DO UPDATE SET "Generation" = "Jobs"."Generation" + 1, "DueAt" = {5}, "Attempts" = 0""" : "DO NOTHING";
        await db.Database.ExecuteSqlAsync(FormattableStringFactory.Create($$"""
            INSERT INTO "Jobs" ("Kind", "TenantId", "Subject", "Generation", "Rank", "DueAt", "Attempts", "CreatedAt")
            VALUES ({0}, {1}, {2}, 0, {3}, {4}, 0, {5})
            ON CONFLICT ("Kind", "TenantId", "Subject") {{onConflict}}
            """, kind, tenantId, subject, rank, now, now), ct);
    }

    /// <summary>
    /// Leases the next due job of the given kinds, or null. Fair across tenants: first the tenant with the fewest jobs
    /// running, then the lowest fair-share rank, so one tenant's backlog or heavy file never holds every worker.
    /// </summary>
    /// <param name="firstClaimOnly">Only jobs never claimed before (joining a batch: see <see cref="IBatchJobHandler"/>).</param>
    public async Task<ClaimedJob?> ClaimAsync(string owner, IReadOnlyCollection<string> kinds, CancellationToken ct, bool firstClaimOnly = false)
    {
        if (kinds.Count == 0) return null;
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var until = now + (long)options.Value.Lease.TotalMilliseconds;
        // Kinds are code constants, never input; inlined so one statement serves any number of them on both engines.
        var kindList = string.Join(", ", kinds.Select(k => $"'{k.Replace("'", "''")}'"));
        var skipLocked = db.Database.IsNpgsql() ? "FOR UPDATE OF j SKIP LOCKED" : "";
        var sql = $$"""
            UPDATE "Jobs" SET "LeaseOwner" = {0}, "LeaseExpiresAt" = {1}, "Attempts" = "Attempts" + 1
            WHERE "Id" = (
                SELECT j."Id" FROM "Jobs" j
                WHERE j."Kind" IN ({{kindList}}) AND j."DueAt" <= {2} AND (j."LeaseExpiresAt" IS NULL OR j."LeaseExpiresAt" < {2}){{(firstClaimOnly ? " AND j.\"Attempts\" = 0" : "")}}
                ORDER BY (SELECT COUNT(*) FROM "Jobs" r WHERE r."TenantId" = j."TenantId" AND r."LeaseExpiresAt" >= {2}), j."Rank", j."Id"
                LIMIT 1 {{skipLocked}})
              AND ("LeaseExpiresAt" IS NULL OR "LeaseExpiresAt" < {2})
            RETURNING "Id", "Kind", "TenantId", "Subject", "Generation", "Attempts", "LeaseOwner"
            """;
        var claimed = await db.Database.SqlQuery<ClaimedJob>(FormattableStringFactory.Create(sql, owner, until, now)).ToListAsync(ct);
        return claimed.FirstOrDefault();
    }

    /// <summary>Extends the lease; false when it was lost (expired and taken by another replica, or the job was deleted).</summary>
    public async Task<bool> RenewAsync(ClaimedJob job, CancellationToken ct)
    {
        var until = clock.GetUtcNow().ToUnixTimeMilliseconds() + (long)options.Value.Lease.TotalMilliseconds;
        return await db.Database.ExecuteSqlAsync(
            $"""UPDATE "Jobs" SET "LeaseExpiresAt" = {until} WHERE "Id" = {job.Id} AND "LeaseOwner" = {job.LeaseOwner}""", ct) == 1;
    }

    /// <summary>Removes the finished job, unless it was asked for again meanwhile: then it is released to run once more.</summary>
    public async Task CompleteAsync(ClaimedJob job, CancellationToken ct)
    {
        var deleted = await db.Database.ExecuteSqlAsync(
            $"""DELETE FROM "Jobs" WHERE "Id" = {job.Id} AND "LeaseOwner" = {job.LeaseOwner} AND "Generation" = {job.Generation}""", ct);
        if (deleted == 0) await ReleaseAsync(job, clock.GetUtcNow(), ct);
    }

    /// <summary>Gives the job back, not to be claimed before <paramref name="dueAt"/>.</summary>
    public async Task ReleaseAsync(ClaimedJob job, DateTimeOffset dueAt, CancellationToken ct)
    {
        var due = dueAt.ToUnixTimeMilliseconds();
        await db.Database.ExecuteSqlAsync($"""
            UPDATE "Jobs" SET "LeaseOwner" = NULL, "LeaseExpiresAt" = NULL, "DueAt" = {due}
            WHERE "Id" = {job.Id} AND "LeaseOwner" = {job.LeaseOwner}
            """, ct);
    }
}
