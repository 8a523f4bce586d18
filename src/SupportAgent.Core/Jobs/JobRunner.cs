using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SupportAgent.Core.Jobs;

/// <summary>
/// Runs queued jobs on <see cref="JobOptions.Workers"/> workers. Each claim is a lease renewed while the job runs;
/// losing it (another replica took over after a stall) cancels the work here. Stopping the host gives running jobs
/// back at once, so another replica need not wait for the lease to expire.
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
                ClaimedJob? job;
                await using (var scope = scopes.CreateAsyncScope())
                    job = await scope.ServiceProvider.GetRequiredService<JobStore>().ClaimAsync($"{Replica}:{Guid.NewGuid():N}", kinds, stoppingToken);
                if (job is null) await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
                else await RunAsync(job, stoppingToken);
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

    private async Task RunAsync(ClaimedJob job, CancellationToken stoppingToken)
    {
        using var lease = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var heartbeatStop = new CancellationTokenSource();
        var heartbeat = RenewAsync(job, lease, heartbeatStop.Token);
        JobOutcome outcome;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var handler = scope.ServiceProvider.GetRequiredKeyedService<IJobHandler>(job.Kind);
            if (job.Attempts > options.Value.MaxAttempts)
            {
                log.LogWarning("Giving up {Kind} {Tenant}/{Subject} after {Attempts} claims", job.Kind, job.TenantId, job.Subject, job.Attempts - 1);
                await handler.AbandonAsync(job, lease.Token);
                outcome = JobOutcome.Done;
            }
            else outcome = await handler.RunAsync(job, lease.Token);
        }
        catch (OperationCanceledException) when (lease.IsCancellationRequested)
        {
            await heartbeatStop.CancelAsync();
            await heartbeat;
            if (stoppingToken.IsCancellationRequested) await FinishAsync(job, JobOutcome.RetryLater(clock.GetUtcNow()));
            else log.LogWarning("Lost the lease of {Kind} {Tenant}/{Subject}; another replica runs it", job.Kind, job.TenantId, job.Subject);
            return;
        }
        catch (Exception e)
        {
            log.LogError(e, "{Kind} {Tenant}/{Subject} failed unexpectedly; it is tried again", job.Kind, job.TenantId, job.Subject);
            outcome = JobOutcome.RetryLater(clock.GetUtcNow() + options.Value.PollInterval * 5);
        }
        await heartbeatStop.CancelAsync();
        await heartbeat;
        await FinishAsync(job, outcome);
    }

    private async Task FinishAsync(ClaimedJob job, JobOutcome outcome)
    {
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<JobStore>();
        if (outcome.RetryAt is { } at) await store.ReleaseAsync(job, at, CancellationToken.None);
        else await store.CompleteAsync(job, CancellationToken.None);
    }

    /// <summary>Renews the lease at a third of its length; cancels the work when the lease is gone.</summary>
    private async Task RenewAsync(ClaimedJob job, CancellationTokenSource lease, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.Lease / 3, stop);
                await using var scope = scopes.CreateAsyncScope();
                if (await scope.ServiceProvider.GetRequiredService<JobStore>().RenewAsync(job, stop)) continue;
                await lease.CancelAsync();
                return;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
            catch (Exception e)
            {
                log.LogWarning(e, "Renewing the lease of {Kind} {Tenant}/{Subject} failed; trying again at the next beat", job.Kind, job.TenantId, job.Subject);
            }
        }
    }
}
