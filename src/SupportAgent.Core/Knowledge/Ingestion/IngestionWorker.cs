using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportAgent.Core.Data;
using SupportAgent.Core.Jobs;

namespace SupportAgent.Core.Knowledge.Ingestion;

/// <summary>
/// Makes sure no document waits without a job: uploads queue one in the same request, but a crash between the two
/// writes, a document left indexing by a process that died (the CLI has no lease), or a database from before jobs
/// existed would otherwise leave it pending forever. Runs at start and then every <see cref="IngestionOptions.SweepInterval"/>;
/// any replica may run it, since ensuring a job that exists changes nothing.
/// </summary>
public sealed class IngestionWorker(IServiceScopeFactory scopes, JobSignal signal, IOptions<IngestionOptions> options,
    IOptions<JobOptions> jobOptions, TimeProvider clock, ILogger<IngestionWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WorkerEnabled) return;
        await Task.Yield(); // let the host finish starting; the sweep queries the database
        var starting = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await SweepAsync(starting, stoppingToken) > 0) signal.Notify();
                starting = false;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e) { log.LogError(e, "Ingestion sweep failed; continuing after {Delay}", options.Value.SweepInterval); }
            await Task.Delay(options.Value.SweepInterval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <param name="starting">At start a document of this data left pending is taken at once; later only one that has waited a lease long.</param>
    private async Task<int> SweepAsync(bool starting, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SupportDbContext>();
        var jobs = scope.ServiceProvider.GetRequiredService<JobStore>();
        var now = clock.GetUtcNow();
        var stale = starting ? now : now - jobOptions.Value.Lease;
        var waiting = await db.Documents.AsNoTracking()
            .Where(d => (d.Status == DocumentStatus.Pending && d.UpdatedAt <= stale)
                || (d.Status == DocumentStatus.Indexing && d.UpdatedAt <= now - jobOptions.Value.Lease)
                || (d.Status == DocumentStatus.Failed && d.NextAttemptAt != null && d.NextAttemptAt <= now))
            .Where(d => !db.Jobs.Any(j => j.Kind == JobKinds.IngestDocument && j.TenantId == d.TenantId && j.Subject == d.Id))
            .OrderBy(d => d.UpdatedAt).Take(options.Value.QueueCapacity)
            .Select(d => new DocumentKey(d.TenantId, d.Id)).ToListAsync(ct);
        foreach (var key in waiting) await jobs.EnsureAsync(JobKinds.IngestDocument, key.TenantId, key.DocumentId, ct);
        if (waiting.Count > 0) log.LogInformation("Queued {Count} documents that were waiting without a job", waiting.Count);
        return waiting.Count;
    }
}
