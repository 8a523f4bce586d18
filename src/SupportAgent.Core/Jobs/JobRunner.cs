using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SupportAgent.Core.Jobs;

/// <summary>
/// Runs queued jobs on <see cref="JobOptions.Workers"/> workers. Each claim is a lease renewed while the job runs;
/// losing it (another replica took over after a stall) cancels the work here. A kind registered with a batch size runs
/// up to that many first-claim jobs together (<see cref="IBatchJobHandler"/>), renewing all their leases. Stopping the
/// host gives running jobs back at once, so another replica need not wait for the lease to expire.
/// </summary>
public sealed class JobRunner(IServiceScopeFactory scopes, IEnumerable<JobKindRegistration> registrations, JobSignal signal,
    IOptions<JobOptions> options, TimeProvider clock, IServiceProvider services, ILogger<JobRunner> log) : BackgroundService
{
    private static readonly string Replica = $"{Environment.MachineName}:{Environment.ProcessId}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var kinds = registrations.Where(r => r.Enabled(services)).Select(r => r.Kind).Distinct().ToList();
        if (kinds.Count == 0) return;
        await Task.Yield(); // let the host finish starting
        log.LogInformation("Running {Kinds} jobs on {Workers} workers", string.Join(", ", kinds), options.Value.Workers);
        await Task.WhenAll(Enumerable.Range(0, options.Value.Workers).Select(_ => WorkAsync(kinds, stoppingToken)));
    }

    private async Task WorkAsync(IReadOnlyCollection<string> kinds, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var jobs = await ClaimAsync(kinds, stoppingToken);
                if (jobs.Count == 0) await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
                else await RunAsync(jobs, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
            catch (Exception e)
            {
                // The database being down must not end background work for the life of the process.
                log.LogError(e, "Job worker failed to claim; trying again after {Delay}", options.Value.PollInterval);
                await Task.Delay(options.Value.PollInterval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>The next due job and, when its kind runs in batches and it is on its first claim, more of that kind.</summary>
    private async Task<IReadOnlyList<ClaimedJob>> ClaimAsync(IReadOnlyCollection<string> kinds, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<JobStore>();
        if (await store.ClaimAsync(Owner(), kinds, ct) is not { } first) return [];
        var batch = registrations.Where(r => r.Kind == first.Kind).Select(r => r.Batch).DefaultIfEmpty(1).Max();
        var jobs = new List<ClaimedJob> { first };
        while (first.Attempts == 1 && jobs.Count < batch && await store.ClaimAsync(Owner(), [first.Kind], ct, firstClaimOnly: true) is { } more)
            jobs.Add(more);
        return jobs;
    }

    private static string Owner() => $"{Replica}:{Guid.NewGuid():N}";

    private async Task RunAsync(IReadOnlyList<ClaimedJob> jobs, CancellationToken stoppingToken)
    {
        using var lease = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var heartbeatStop = new CancellationTokenSource();
        var heartbeat = RenewAsync(jobs, lease, heartbeatStop.Token);
        var first = jobs[0];
        IReadOnlyList<JobOutcome> outcomes;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var handler = scope.ServiceProvider.GetRequiredKeyedService<IJobHandler>(first.Kind);
            if (first.Attempts > options.Value.MaxAttempts) // never batched: only first claims join a batch
            {
                log.LogWarning("Giving up {Kind} {Tenant}/{Subject} after {Attempts} claims", first.Kind, first.TenantId, first.Subject, first.Attempts - 1);
                await handler.AbandonAsync(first, lease.Token);
                outcomes = [JobOutcome.Done];
            }
            else if (jobs.Count > 1 && handler is IBatchJobHandler batch) outcomes = await batch.RunBatchAsync(jobs, lease.Token);
            else outcomes = [await handler.RunAsync(first, lease.Token)];
        }
        catch (OperationCanceledException) when (lease.IsCancellationRequested)
        {
            await heartbeatStop.CancelAsync();
            await heartbeat;
            // Jobs whose lease is still ours go back at once (a lost one is not ours to release: that is a no-op).
            foreach (var job in jobs) await FinishAsync(job, JobOutcome.RetryLater(clock.GetUtcNow()));
            if (!stoppingToken.IsCancellationRequested)
                log.LogWarning("Lost the lease of {Kind} {Tenant}/{Subject}; another replica runs it", first.Kind, first.TenantId, first.Subject);
            return;
        }
        catch (Exception e)
        {
            log.LogError(e, "{Kind} {Tenant}/{Subject} failed unexpectedly; it is tried again", first.Kind, first.TenantId, first.Subject);
            outcomes = [.. jobs.Select(_ => JobOutcome.RetryLater(clock.GetUtcNow() + options.Value.PollInterval * 5))];
        }
        await heartbeatStop.CancelAsync();
        await heartbeat;
        for (var i = 0; i < jobs.Count; i++) await FinishAsync(jobs[i], outcomes[i]);
    }

    private async Task FinishAsync(ClaimedJob job, JobOutcome outcome)
    {
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<JobStore>();
        if (outcome.RetryAt is { } at) await store.ReleaseAsync(job, at, CancellationToken.None);
        else await store.CompleteAsync(job, CancellationToken.None);
    }

    /// <summary>Renews every lease at a third of its length; cancels the work when any of them is gone.</summary>
    private async Task RenewAsync(IReadOnlyList<ClaimedJob> jobs, CancellationTokenSource lease, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.Lease / 3, stop);
                await using var scope = scopes.CreateAsyncScope();
                var store = scope.ServiceProvider.GetRequiredService<JobStore>();
                var held = true;
                foreach (var job in jobs) held &= await store.RenewAsync(job, stop);
                if (held) continue;
                await lease.CancelAsync();
                return;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
            catch (Exception e)
            {
                log.LogWarning(e, "Renewing the lease of {Kind} {Tenant}/{Subject} failed; trying again at the next beat", jobs[0].Kind, jobs[0].TenantId, jobs[0].Subject);
            }
        }
    }
}
