using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SupportAgent.Core.Retrieval;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Ingestion;

public class IndexOutageTests : IDisposable
{
    private readonly OutageSwitch outage = new();
    private readonly SupportAgentApp app;

    public IndexOutageTests()
    {
        app = new SupportAgentApp()
            .With("SupportAgent:Ingestion:RetryDelay", "00:00:00.300")
            .With("SupportAgent:Ingestion:SweepInterval", "00:00:00.100")
            .WithServices(services =>
            {
                // The real index, behind a switch that makes it unreachable, as a remote index can be.
                var real = services.Last(d => d.ServiceType == typeof(IKnowledgeIndex) && !d.IsKeyedService);
                services.Remove(real);
                services.AddSingleton<IKnowledgeIndex>(sp => new UnreachableWhenDown((IKnowledgeIndex)real.ImplementationFactory!(sp), outage));
            });
    }

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task ADocumentThatFailedBecauseTheIndexWasDownIsRetriedWithBackoffUntilIndexed()
    {
        var keys = await app.CreateTenantAsync("acme");
        outage.Down = true;

        await app.UploadAsync("acme", keys.Admin, ("returns-policy.md", TestKnowledge.Returns));

        using var admin = app.ClientWithKey(keys.Admin);
        var failed = await admin.GetFromJsonAsync<JsonElement>("/api/tenants/acme/documents/returns-policy");
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Contains("index unreachable", failed.GetProperty("error").GetString());
        Assert.Contains("retrying at", failed.GetProperty("error").GetString());
        Assert.NotEqual(JsonValueKind.Null, failed.GetProperty("nextAttemptAt").ValueKind);
        Assert.Equal(0, await app.InDatabaseAsync(db => db.Chunks.CountAsync()));

        // While the index stays down the worker keeps trying, further apart each time. The delays are jittered, and a
        // busy machine may look only after the third attempt: the error names whichever retry it is at, the second or later.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        JsonElement retried;
        while (AttemptIn(retried = await admin.GetFromJsonAsync<JsonElement>("/api/tenants/acme/documents/returns-policy")) < 2 && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        Assert.InRange(AttemptIn(retried), 2, int.MaxValue);
        outage.Down = false;

        await app.WaitForStatusAsync("acme", keys.Admin, ["returns-policy"], "indexed");
        var indexed = await admin.GetFromJsonAsync<JsonElement>("/api/tenants/acme/documents/returns-policy");
        Assert.Equal(JsonValueKind.Null, indexed.GetProperty("error").ValueKind);
        Assert.True(indexed.GetProperty("chunkCount").GetInt32() >= 1);
    }

    /// <summary>The attempt the document's error names ("…; attempt 2, retrying at …"), 0 when it names none.</summary>
    private static int AttemptIn(JsonElement document) =>
        System.Text.RegularExpressions.Regex.Match(document.GetProperty("error").GetString() ?? "", @"attempt (\d+),") is { Success: true } m
            ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;

    private sealed class OutageSwitch { public volatile bool Down; }

    private sealed class UnreachableWhenDown(IKnowledgeIndex inner, OutageSwitch outage) : IKnowledgeIndex
    {
        private void ThrowIfDown() { if (outage.Down) throw new HttpRequestException("index unreachable: connection refused"); }

        public Task ReplaceDocumentAsync(string tenantId, string documentId, IReadOnlyList<IndexEntry> entries, CancellationToken ct)
        { ThrowIfDown(); return inner.ReplaceDocumentAsync(tenantId, documentId, entries, ct); }

        public Task DeleteDocumentAsync(string tenantId, string documentId, CancellationToken ct)
        { ThrowIfDown(); return inner.DeleteDocumentAsync(tenantId, documentId, ct); }

        public Task<IReadOnlyList<SearchHit>> SearchAsync(string tenantId, SearchQuery query, CancellationToken ct)
        { ThrowIfDown(); return inner.SearchAsync(tenantId, query, ct); }
    }
}

[OnPostgres]
public sealed class IndexOutageTestsOnPostgres : IndexOutageTests;
