using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SupportAgent.Core.Jobs;

namespace SupportAgent.Core.Retrieval.Reembedding;

/// <summary>
/// Queues a re-embedding job for every tenant whose chunks lack vectors of the configured model (after a change of
/// model, or an index written without one): at start, then every <see cref="Interval"/>, at the cost of one indexed
/// query when there is nothing to do. Any replica may run it: ensuring a job that exists changes nothing.
/// </summary>
public sealed class ReembeddingSweep(IServiceScopeFactory scopes, Reembedder reembedder, JobSignal signal, TimeProvider clock,
    ILogger<ReembeddingSweep> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (reembedder.Target is null) return;
        await Task.Yield(); // let the host finish starting
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await SweepAsync(stoppingToken) > 0) signal.Notify();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e) { log.LogError(e, "Looking for chunks to re-embed failed; trying again in {Interval}", Interval); }
            await Task.Delay(Interval, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>Ensures a job per tenant with stale chunks; returns how many tenants need one.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        if (reembedder.Target is not { } target) return 0;
        var tenants = await target.TenantsWithStaleVectorsAsync(ct);
        if (tenants.Count == 0) return 0;
        await using var scope = scopes.CreateAsyncScope();
        var jobs = scope.ServiceProvider.GetRequiredService<JobStore>();
        foreach (var tenant in tenants) await jobs.EnsureAsync(JobKinds.ReembedIndex, tenant, target.VectorModel!, ct);
        return tenants.Count;
    }
}
