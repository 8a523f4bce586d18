using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportAgent.Core.Data;

namespace SupportAgent.Core.Knowledge.Ingestion;

/// <summary>
/// Indexes uploaded documents one at a time, off the request path. On start it picks up whatever a previous run
/// left pending or half-indexed; while idle it sweeps for due retries and for documents the full queue dropped.
/// </summary>
public sealed class IngestionWorker(IngestionQueue queue, IServiceScopeFactory scopes, IOptions<IngestionOptions> options,
    TimeProvider clock, ILogger<IngestionWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WorkerEnabled) return;
        await Task.Yield(); // let the host finish starting; the sweep below queries the database
        var starting = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (queue.Reader.Count == 0) await SweepAsync(interrupted: starting, stoppingToken);
                starting = false;
                while (queue.Reader.TryRead(out var key)) await IndexAsync(key, stoppingToken);
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                idle.CancelAfter(options.Value.SweepInterval);
                try { await queue.Reader.WaitToReadAsync(idle.Token); }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested) { }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
            catch (Exception e)
            {
                // The database itself failing must not end ingestion for the life of the process.
                log.LogError(e, "Ingestion worker loop failed; continuing after {Delay}", options.Value.SweepInterval);
                await Task.Delay(options.Value.SweepInterval, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <param name="interrupted">
    /// Also take documents left "indexing": at start those were cut off by the previous run; later they belong to
    /// whoever is indexing them (this worker, or a CLI on the same data directory).
    /// </param>
    private async Task SweepAsync(bool interrupted, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SupportDbContext>();
        var now = clock.GetUtcNow();
        var waiting = await db.Documents.AsNoTracking()
            .Where(d => d.Status == DocumentStatus.Pending || (interrupted && d.Status == DocumentStatus.Indexing)
                || (d.Status == DocumentStatus.Failed && d.NextAttemptAt != null && d.NextAttemptAt <= now))
            .OrderBy(d => d.UpdatedAt).Take(options.Value.QueueCapacity)
            .Select(d => new DocumentKey(d.TenantId, d.Id)).ToListAsync(ct);
        foreach (var key in waiting) queue.Enqueue(key);
    }

    private async Task IndexAsync(DocumentKey key, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DocumentIndexer>().IndexAsync(key, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogError(e, "Indexing {Tenant}/{Document} failed unexpectedly; the next sweep tries again", key.TenantId, key.DocumentId);
        }
    }
}
