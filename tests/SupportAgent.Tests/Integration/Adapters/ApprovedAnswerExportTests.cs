using System.Net.Http.Json;
using System.Text.Json;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Adapters;

/// <summary>When staff save a resolved escalation as an approved answer, the training export uses that curated pair.</summary>
public class ApprovedAnswerExportTests(SharedApp shared) : IClassFixture<SharedApp>, IAsyncLifetime
{
    private readonly SupportAgentApp app = shared.App;
    private readonly string acmeId = TenantIds.New("acme");
    private SupportAgentApp.TenantKeys keys = null!;

    public async Task InitializeAsync() => keys = await app.CreateTenantWithKnowledgeAsync(acmeId);
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TheEditedApprovedAnswerIsExportedInsteadOfTheRawStaffReply()
    {
        using var chat = new ChatClient(app, acmeId, keys.Widget);
        var conversation = await chat.StartAsync();
        var reply = await chat.AskAsync(conversation, "I want to talk to a real person about gift wrapping");
        var escalation = reply.GetProperty("escalationId").GetString();
        using var staff = app.ClientWithKey(keys.Staff);
        (await staff.PostAsJsonAsync($"/api/tenants/{acmeId}/escalations/{escalation}/reply", new { text = "hey, yeah we can wrap it i think" })).EnsureSuccessStatusCode();
        (await staff.PostAsJsonAsync($"/api/tenants/{acmeId}/escalations/{escalation}/resolve", new
        {
            saveAsApproved = true,
            question = "Do you offer gift wrapping?",
            answer = "Yes: gift wrapping is available at checkout for every order.",
        })).EnsureSuccessStatusCode();

        using var admin = app.ClientWithKey(keys.Admin);
        var exported = string.Concat(await admin.GetStringAsync($"/api/tenants/{acmeId}/finetune/export?split=train"),
            await admin.GetStringAsync($"/api/tenants/{acmeId}/finetune/export?split=heldout"));

        var line = Assert.Single(exported.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var messages = JsonDocument.Parse(line).RootElement.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal("Yes: gift wrapping is available at checkout for every order.", messages[^1].GetProperty("content").GetString());
        Assert.Contains("Do you offer gift wrapping?", messages[1].GetProperty("content").GetString());
        Assert.DoesNotContain("wrap it i think", exported);
    }
}

[OnPostgres]
public sealed class ApprovedAnswerExportTestsOnPostgres(SharedApp shared) : ApprovedAnswerExportTests(shared);
