#if POSTGRES_SUITE
using System.Net;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Replicas;

/// <summary>A replica killed in the middle of ingestion leaves nothing stuck: its leases expire and the other replica finishes.</summary>
public sealed class ReplicaCrashTests : IAsyncLifetime
{
    private readonly ReplicaPair replicas = new();

    public Task InitializeAsync() => replicas.InitializeAsync();
    public Task DisposeAsync() => replicas.DisposeAsync();

    [Fact]
    public async Task KillingAReplicaMidIngestionLeavesNoDocumentPendingOrIndexing()
    {
        var keys = await replicas.CreateTenantAsync(replicas.A, "crash");
        var uploads = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => ReplicaPair.UploadAsync(replicas.A, "crash", keys.Admin, ReplicaPair.Document(i))));
        // Wait until replica A holds a lease on some job, then kill it without any chance to give the lease back.
        while (await replicas.ScalarAsync("""SELECT COUNT(*) FROM "Jobs" WHERE "TenantId" = @t AND "LeaseOwner" LIKE '%:' || @pid || ':%'""".Replace("@pid", $"'{replicas.A.ProcessId}'"), "crash") == 0
               && (await replicas.DocumentsAsync("crash")).Any(d => d.Status is "Pending"))
            await Task.Delay(20);
        replicas.A.Kill();

        var documents = await replicas.WaitUntilSettledAsync("crash", 40);

        Assert.All(uploads, u => Assert.Equal(HttpStatusCode.Accepted, u.StatusCode));
        Assert.All(documents, d => Assert.Equal("Indexed", d.Status));
    }
}
#endif
