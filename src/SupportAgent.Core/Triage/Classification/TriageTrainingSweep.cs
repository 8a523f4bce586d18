using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportAgent.Core.Data;
using SupportAgent.Core.Jobs;

namespace SupportAgent.Core.Triage.Classification;

/// <summary>
/// At start, queues training for every tenant that has examples but no stored classifier and no training job: a
/// database upgraded from releases that kept models in each replica's data directory gets its models trained once,
/// into the database, by whichever replica claims the job. Examples younger than a lease are left alone (they are
/// being trained right now, e.g. by demo seeding).
/// </summary>
public sealed class TriageTrainingSweep(IServiceScopeFactory scopes, JobSignal signal, TimeProvider clock, IOptions<JobOptions> jobOptions,
    ILogger<TriageTrainingSweep> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // let the host finish starting
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SupportDbContext>();
            var settled = clock.GetUtcNow() - jobOptions.Value.Lease;
            var candidates = await db.TriageExamples.AsNoTracking().Select(e => e.TenantId).Distinct()
                .Where(t => !db.TriageModels.Any(m => m.TenantId == t) && !db.Jobs.Any(j => j.Kind == JobKinds.TrainTriage && j.TenantId == t))
                .ToListAsync(stoppingToken);
            var jobs = scope.ServiceProvider.GetRequiredService<JobStore>();
            var tenants = new List<string>();
            foreach (var tenant in candidates)
            {
                if (await db.TriageExamples.AnyAsync(e => e.TenantId == tenant && e.CreatedAt > settled, stoppingToken)) continue;
                await jobs.EnsureAsync(JobKinds.TrainTriage, tenant, "", stoppingToken);
                tenants.Add(tenant);
            }
            if (tenants.Count == 0) return;
            log.LogInformation("Queued triage training for {Count} tenants with examples but no stored classifier", tenants.Count);
            signal.Notify();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        catch (Exception e) { log.LogError(e, "Looking for tenants whose classifier needs training failed; they keep the rules until their examples are uploaded again"); }
    }
}
