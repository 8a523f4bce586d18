using Microsoft.Extensions.DependencyInjection;
using SupportAgent.Core.Jobs;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Jobs;

/// <summary>
/// The job table's contract on the suite's database engine (SQLite, and PostgreSQL in its twin): one claim
/// per job however many workers ask, a dead runner's job claimed again once its lease expires, tenants served in turn.
/// Jobs of a kind no handler runs are used, so the server's own workers leave them alone.
/// </summary>
public class JobQueueTests : IAsyncLifetime
{
    private const string Kind = "test-only";
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly SupportAgentApp app;

    public JobQueueTests() => app = new SupportAgentApp().WithServices(s => s.AddSingleton<TimeProvider>(clock));

    public async Task InitializeAsync()
    {
        await app.CreateTenantAsync("heavy");
        await app.CreateTenantAsync("light");
    }

    public Task DisposeAsync() { app.Dispose(); return Task.CompletedTask; }

    private async Task<T> WithStoreAsync<T>(Func<JobStore, Task<T>> use)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<JobStore>());
    }

    private Task EnqueueAsync(string tenant, string subject) => WithStoreAsync(async s => { await s.EnqueueAsync(Kind, tenant, subject, default); return 0; });
    private Task<ClaimedJob?> ClaimAsync(string owner) => WithStoreAsync(s => s.ClaimAsync(owner, [Kind], default));

    [Fact]
    public async Task ManyWorkersClaimingAtOnceNeverGetTheSameJob()
    {
        for (var i = 0; i < 30; i++) await EnqueueAsync("heavy", $"doc-{i}");

        var claimed = await Task.WhenAll(Enumerable.Range(0, 6).Select(async worker =>
        {
            var mine = new List<string>();
            while (await ClaimAsync($"worker-{worker}") is { } job) mine.Add(job.Subject);
            return mine;
        }));

        var all = claimed.SelectMany(c => c).ToList();
        Assert.Equal(30, all.Count);
        Assert.Equal(30, all.Distinct().Count());
    }

    [Fact]
    public async Task AJobWhoseRunnerStoppedRenewingIsClaimedByAnotherOnceTheLeaseExpires()
    {
        await EnqueueAsync("heavy", "doc");
        var first = await ClaimAsync("replica-that-dies");

        var whileLeased = await ClaimAsync("other-replica");
        clock.Advance(TimeSpan.FromSeconds(31));
        var afterExpiry = await ClaimAsync("other-replica");
        var deadRenews = await WithStoreAsync(s => s.RenewAsync(first!, default));

        Assert.NotNull(first);
        Assert.Null(whileLeased);
        Assert.Equal(first.Id, afterExpiry?.Id);
        Assert.False(deadRenews);
    }

    [Fact]
    public async Task AJobWhoseRunWasInterruptedNeverJoinsABatchSoItIsRunAndGivenUpAlone()
    {
        await EnqueueAsync("heavy", "crashes-its-runner");
        var first = await ClaimAsync("replica-that-dies");
        clock.Advance(TimeSpan.FromSeconds(31));
        await EnqueueAsync("light", "fresh");
        clock.Advance(TimeSpan.FromSeconds(2));

        var joining = await WithStoreAsync(s => s.ClaimAsync("batching-worker", [Kind], default, firstClaimOnly: true));
        var joiningAgain = await WithStoreAsync(s => s.ClaimAsync("batching-worker", [Kind], default, firstClaimOnly: true));
        var alone = await ClaimAsync("any-worker");

        Assert.Equal("fresh", joining?.Subject);
        Assert.Null(joiningAgain); // the interrupted job is due, but only a claim of its own takes it
        Assert.Equal((first!.Id, 2), (alone?.Id, alone?.Attempts));
    }

    [Fact]
    public async Task ATenantWithOneSmallFileIsServedBeforeAnotherTenantsBacklog()
    {
        for (var i = 0; i < 10; i++) await EnqueueAsync("heavy", $"big-{i}");
        clock.Advance(TimeSpan.FromSeconds(1));
        await EnqueueAsync("light", "small");

        var first = await ClaimAsync("worker-1");
        var second = await ClaimAsync("worker-2");

        Assert.Equal("heavy", first?.TenantId);
        Assert.Equal(("light", "small"), (second?.TenantId, second?.Subject));
    }

    [Fact]
    public async Task AJobAskedForAgainWhileRunningRunsOnceMoreAfterItFinishes()
    {
        await EnqueueAsync("heavy", "doc");
        var running = await ClaimAsync("worker-1");
        await EnqueueAsync("heavy", "doc");

        await WithStoreAsync(async s => { await s.CompleteAsync(running!, default); return 0; });
        var again = await ClaimAsync("worker-2");
        await WithStoreAsync(async s => { await s.CompleteAsync(again!, default); return 0; });
        var afterThat = await ClaimAsync("worker-3");

        Assert.Equal(running!.Id, again?.Id);
        Assert.Null(afterThat);
    }
}

[OnPostgres]
public sealed class JobQueueTestsOnPostgres : JobQueueTests;
