using System.Net;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Replicas;

/// <summary>
/// A replica killed in the middle of ingestion or training leaves nothing stuck: its leases expire and another replica
/// finishes. The other replica starts once the first is dead, so the work is surely the dead one's, and it finds that
/// work mid-way: documents never claimed, and jobs still leased to a process that no longer exists.
/// </summary>
[SlowCollection, OnPostgres]
public sealed class ReplicaCrashTests : IAsyncLifetime
{
    // Each test waits once for the killed replica's lease to run out: a short one keeps that wait short.
    private readonly ReplicaPair replicas = new() { Lease = TimeSpan.FromSeconds(4), StartBWithA = false };

    public Task InitializeAsync() => replicas.InitializeAsync();
    public Task DisposeAsync() => replicas.DisposeAsync();

    [Fact]
    public async Task KillingAReplicaMidIngestionLeavesNoDocumentPendingOrIndexing()
    {
        var keys = await replicas.CreateTenantAsync(replicas.A, "crash");
        var uploads = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => ReplicaPair.UploadAsync(replicas.A, "crash", keys.Admin, ReplicaPair.Document(i))));
        // Wait until replica A holds a lease on some job, then kill it without any chance to give the lease back.
        while (await replicas.LeaseHolderAsync("crash", "ingest-document") is null) await Task.Delay(20);
        replicas.A.Kill();
        var left = (await replicas.DocumentsAsync("crash")).Count(d => d.Status is not "Indexed");
        replicas.StartB();

        var documents = await replicas.WaitUntilSettledAsync("crash", 40);

        Assert.All(uploads, u => Assert.Equal(HttpStatusCode.Accepted, u.StatusCode));
        Assert.InRange(left, 1, 40);
        Assert.All(documents, d => Assert.Equal("Indexed", d.Status));
    }

    [Fact]
    public async Task KillingTheReplicaThatTrainsATenantsClassifierLetsTheOtherTrainItOnceTheLeaseExpires()
    {
        var keys = await replicas.CreateTenantAsync(replicas.A, "crash-training");
        // Enough examples that training lasts well beyond the moment its lease is seen (tens of milliseconds), and no more:
        // the surviving replica trains them all again.
        var upload = await ReplicaTriage.UploadAsync(replicas.A, "crash-training", keys.Admin, ReplicaTriage.Csv(repeat: 40));
        while (await replicas.LeaseHolderAsync("crash-training", "train-triage") is null) await Task.Delay(20);
        replicas.A.Kill();
        var surviving = replicas.StartB();

        var status = await ReplicaTriage.WaitUntilTrainedAsync(surviving, "crash-training", keys.Admin, version: 1);
        var category = await ReplicaTriage.CategoryOnceLoadedAsync(surviving, "crash-training", keys.Widget, "Is this kayak ok for a beginner paddler?", "kayaks");
        var trainings = await replicas.TrainingsAsync("crash-training");

        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        Assert.Equal("ready", status.GetProperty("state").GetString());
        Assert.Equal("kayaks", category);
        var training = Assert.Single(trainings);
        Assert.Contains($":{surviving.ProcessId}:", training.TrainedBy);
    }
}
