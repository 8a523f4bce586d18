using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration;

/// <summary>The zero-configuration experience: the demo tenant seeded from the repository's knowledge/demo folder.</summary>
public sealed class DemoTenantTests
{
    private static SupportAgentApp DemoApp(string dataDirectory) => new SupportAgentApp(dataDirectory)
        .With("SupportAgent:Demo:Seed", "true")
        .With("SupportAgent:Demo:WidgetKey", "demo-widget-key")
        .With("SupportAgent:Demo:AdminKey", "demo-admin-key")
        .With("SupportAgent:Demo:StaffKey", "demo-staff-key");

    [Fact]
    public async Task TheDemoTenantAnswersTheShippingToCanadaQuestionFromItsOwnDocuments()
    {
        using var app = DemoApp(Path.Combine(Path.GetTempPath(), "supportagent-tests", Guid.NewGuid().ToString("N")));
        using var chat = new ChatClient(app, "demo", "demo-widget-key");
        var conversation = await chat.StartAsync();

        var reply = await chat.AskAsync(conversation, "How long does shipping to Canada take?");

        Assert.Equal("answered", reply.GetProperty("decision").GetString());
        Assert.Equal("shipping-international", reply.GetProperty("citations")[0].GetProperty("documentId").GetString());
    }

    [Fact]
    public async Task RestartingTheServerDoesNotDuplicateTheDemoTenantOrItsDocuments()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "supportagent-tests", Guid.NewGuid().ToString("N"));
        (int Documents, int Chunks, int Keys, string Versions) first, second;
        using (var app = DemoApp(dataDirectory)) first = await SnapshotAsync(app);
        using (var app = DemoApp(dataDirectory)) second = await SnapshotAsync(app);

        Assert.True(first.Documents >= 12, $"expected at least 12 demo documents, found {first.Documents}");
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task TheHomePageEmbedsTheWidgetForTheDemoTenant()
    {
        using var app = DemoApp(Path.Combine(Path.GetTempPath(), "supportagent-tests", Guid.NewGuid().ToString("N")));
        using var client = app.CreateClient();

        var html = await client.GetStringAsync("/");
        var widget = await client.GetAsync("/widget.js");

        Assert.Contains("data-tenant=\"demo\"", html);
        Assert.Contains("data-key=\"demo-widget-key\"", html);
        Assert.True(widget.IsSuccessStatusCode);
    }

    private static async Task<(int, int, int, string)> SnapshotAsync(SupportAgentApp app)
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
