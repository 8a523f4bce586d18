using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SupportAgent.Core.Knowledge;
using SupportAgent.Core.Retrieval;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Ingestion;

public class RestartTests
{
    [Fact]
    public async Task ARestartMidIngestionFinishesThePendingWork()
    {
        // First run: uploads are accepted and stored, but the worker never gets to them (as if the process died).
        var first = new SupportAgentApp { KeepDataDirectory = true }.With("SupportAgent:Ingestion:WorkerEnabled", "false");
        SupportAgentApp.TenantKeys keys;
        try
        {
            keys = await first.CreateTenantAsync("acme");
            var upload = await first.PostFilesAsync("acme", keys.Admin,
                ("returns-policy.md", Encoding.UTF8.GetBytes(TestKnowledge.Returns)), ("payments.txt", Encoding.UTF8.GetBytes(TestKnowledge.Billing)));
            Assert.Equal(System.Net.HttpStatusCode.Accepted, upload.StatusCode);
            // One of them was half-way through indexing when the process stopped.
            await first.InDatabaseAsync(db => db.Documents.Where(d => d.Id == "payments")
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DocumentStatus.Indexing)));
            Assert.Equal(0, await first.InDatabaseAsync(db => db.Chunks.CountAsync()));
        }
        finally { first.Dispose(); }

        using var second = new SupportAgentApp(first.DataDirectory);
        await second.WaitForStatusAsync("acme", keys.Admin, ["returns-policy", "payments"], "indexed");

        var statuses = await second.InDatabaseAsync(db => db.Documents.Select(d => d.Status).ToListAsync());
        Assert.All(statuses, s => Assert.Equal(DocumentStatus.Indexed, s));
        var hits = await second.Services.GetRequiredService<IKnowledgeIndex>().SearchAsync("acme", new SearchQuery("card charged ships", 5), CancellationToken.None);
        Assert.Equal("payments", hits[0].Chunk.DocumentId);
    }
}

[OnPostgres]
public sealed class RestartTestsOnPostgres : RestartTests;
