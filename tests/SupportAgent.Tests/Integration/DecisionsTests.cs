using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration;

public class DecisionsTests(SharedApp shared) : IClassFixture<SharedApp>, IAsyncLifetime
{
    private readonly SupportAgentApp app = shared.App;
    private readonly string acmeId = TenantIds.New("acme");
    private SupportAgentApp.TenantKeys keys = null!;

    public async Task InitializeAsync() => keys = await app.CreateTenantWithKnowledgeAsync(acmeId);
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task StaffSeeEveryDecisionWithItsCategoryScoresReasonsModelAndLatency()
    {
        using var chat = new ChatClient(app, acmeId, keys.Widget);
        var conversation = await chat.StartAsync();
        await chat.AskAsync(conversation, "How long does shipping to Canada take?");
        await chat.AskAsync(conversation, "I was charged twice and I want to talk to a real person");

        using var staff = app.ClientWithKey(keys.Staff);
        var list = await staff.GetFromJsonAsync<JsonElement>($"/api/tenants/{acmeId}/decisions?conversationId={conversation}");

        var decisions = list.GetProperty("decisions").EnumerateArray().ToList();
        Assert.Equal(2, decisions.Count);
        var escalated = decisions[0];
        Assert.Equal("escalated", escalated.GetProperty("action").GetString());
        Assert.Equal("wants_human", escalated.GetProperty("reason").GetString());
        Assert.Equal(["wants_human", "urgent", "low_confidence"], escalated.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("billing", escalated.GetProperty("category").GetString());
        Assert.Equal("high", escalated.GetProperty("urgency").GetString());
        Assert.Equal(1, escalated.GetProperty("categoryConfidence").GetDouble()); // keyword fallback: no classifier trained
        Assert.False(escalated.GetProperty("outOfScope").GetBoolean());
        var answered = decisions[1];
        Assert.Equal("answered", answered.GetProperty("action").GetString());
        Assert.Equal("shipping", answered.GetProperty("category").GetString());
        Assert.True(answered.GetProperty("topScore").GetDouble() >= 0.5);
        Assert.Equal("extractive", answered.GetProperty("model").GetString());
        Assert.True(answered.GetProperty("latencyMs").GetInt64() >= 0);
    }

    [Fact]
    public async Task AWidgetKeyCannotReadDecisions()
    {
        using var widget = app.ClientWithKey(keys.Widget);
        await (await widget.GetAsync($"/api/tenants/{acmeId}/decisions")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}

[OnPostgres]
public sealed class DecisionsTestsOnPostgres(SharedApp shared) : DecisionsTests(shared);
