using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration;

/// <summary>The zero-configuration experience: the demo tenant seeded from the repository's knowledge/demo folder.</summary>
[Collection(DemoCollection.Name)]
public class DemoTenantTests(DemoApp demo)
{
    [Fact]
    public async Task TheDemoTenantAnswersTheShippingToCanadaQuestionFromItsOwnDocuments()
    {
        using var chat = new ChatClient(demo.App, "demo", DemoApp.WidgetKey);
        var conversation = await chat.StartAsync();

        var reply = await chat.AskAsync(conversation, "How long does shipping to Canada take?");

        Assert.Equal("answered", reply.GetProperty("decision").GetString());
        Assert.Equal("shipping-international", reply.GetProperty("citations")[0].GetProperty("documentId").GetString());
    }

    [Fact]
    public async Task RestartingTheServerDoesNotDuplicateTheDemoTenantOrItsDocuments()
    {
        var first = await SnapshotAsync(demo.App);
        // A second server starting on the same data (and database) seeds again, as after a restart.
        using var restarted = DemoApp.Configure(new SupportAgentApp(demo.App.DataDirectory) { KeepDataDirectory = true });
        var second = await SnapshotAsync(restarted);

        Assert.True(first.Documents >= 12, $"expected at least 12 demo documents, found {first.Documents}");
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task TheHomePageEmbedsTheWidgetForTheDemoTenant()
    {
        using var client = demo.App.CreateClient();

        var html = await client.GetStringAsync("/");
        var widget = await client.GetAsync("/widget.js");

        Assert.Contains("data-tenant=\"demo\"", html);
        Assert.Contains($"data-key=\"{DemoApp.WidgetKey}\"", html);
        Assert.True(widget.IsSuccessStatusCode);
    }

    private static async Task<(int Documents, int Chunks, int Keys, string Versions)> SnapshotAsync(SupportAgentApp app)
    {
        using var client = app.CreateClient();
        (await client.GetAsync("/health")).EnsureSuccessStatusCode();
        return await app.InDatabaseAsync(async db => (
            await db.Documents.CountAsync(d => d.TenantId == "demo"),
            await db.Chunks.CountAsync(c => c.TenantId == "demo"),
            await db.ApiKeys.CountAsync(k => k.TenantId == "demo"),
            string.Join(",", await db.Documents.OrderBy(d => d.Id).Select(d => d.Id + "@" + d.Version).ToListAsync())));
    }
}

/// <summary>The same tests on PostgreSQL, with a demo server of their own.</summary>
[OnPostgres, Collection(DemoOnPostgresCollection.Name)]
public sealed class DemoTenantTestsOnPostgres(DemoApp demo) : DemoTenantTests(demo);

[CollectionDefinition(Name)]
public sealed class DemoOnPostgresCollection : ICollectionFixture<DemoApp>
{
    public const string Name = "Demo tenant on PostgreSQL";
}
