using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using SupportAgent.Server.Conversations;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration;

/// <summary>Every customer turn takes the same path: approved replies are announced and recorded like any other; escalations carry a draft.</summary>
public class TurnPipelineTests(SharedApp shared) : IClassFixture<SharedApp>, IAsyncLifetime
{
    private const string Question = "Do you offer engraving on the steel water bottles?";
    private const string StaffAnswer = "Yes: engraving on steel bottles is free, up to 20 characters; add it on the product page before checkout.";
    private readonly SupportAgentApp app = shared.App;
    private readonly string tenant = TenantIds.New("acme");
    private SupportAgentApp.TenantKeys keys = null!;
    private ChatClient chat = null!;

    public async Task InitializeAsync()
    {
        keys = await app.CreateTenantWithKnowledgeAsync(tenant);
        chat = new ChatClient(app, tenant, keys.Widget);
    }

    public Task DisposeAsync() { chat.Dispose(); return Task.CompletedTask; }

    [Fact]
    public async Task AnApprovedAnswerReplyIsAnnouncedLiveToStaffAndRecordedLikeAnyOtherDecision()
    {
        await CreateApprovedAsync();
        var conversation = await chat.StartAsync();
        await using var staff = app.Hub(keys.Staff);
        var announced = new TaskCompletionSource<MessageView>();
        staff.On<MessageView>(nameof(IChatWidget.MessageAdded), m => { if (m.Role == "assistant") announced.TrySetResult(m); });
        await staff.StartAsync();
        await staff.InvokeAsync("JoinConversation", conversation, null); // staff need no conversation token

        var reply = await chat.AskAsync(conversation, "Do you do engraving on steel water bottles?");

        Assert.Equal("approved-answer", reply.GetProperty("model").GetString());
        var message = await announced.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(StaffAnswer, message.Text);
        Assert.Equal(reply.GetProperty("messageId").GetString(), message.Id);
        var decision = await app.InDatabaseAsync(db => db.Decisions.AsNoTracking().SingleAsync(d => d.ReplyMessageId == message.Id));
        Assert.NotNull(decision.Category);
        Assert.NotNull(decision.Urgency);
        Assert.NotEmpty(decision.Retrieved); // what the knowledge base offered is on record, as for any turn
        Assert.Empty(decision.Reasons);
        Assert.True(decision.LatencyMs >= 0);
    }

    [Fact]
    public async Task EvaluationRunsDoNotCountAsApprovedAnswerHits()
    {
        await CreateApprovedAsync();
        using var admin = app.ClientWithKey(keys.Admin);
        var cases = """{"id":"engraving","question":"Do you do engraving on steel water bottles?","expectedDecision":"answer"}""";

        var response = await admin.PostAsync($"/api/tenants/{tenant}/evaluations", new StringContent(cases, Encoding.UTF8, "application/x-ndjson"));

        response.EnsureSuccessStatusCode();
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1.0, report.GetProperty("metrics").GetProperty("decisionAccuracy").GetProperty("value").GetDouble());
        Assert.Equal(0, await app.InDatabaseAsync(db => db.ApprovedAnswers.Where(a => a.TenantId == tenant).Select(a => a.Hits).SingleAsync()));
    }

    [Fact]
    public async Task AnEscalationAfterRetrievalStoresTheAnswerTheAgentHeldBackAsTheDraft()
    {
        var reply = await chat.AskAsync(await chat.StartAsync(), "I want to talk to a person: how long does shipping to Canada take?");

        Assert.Equal("wants_human", reply.GetProperty("reason").GetString());
        var escalationId = reply.GetProperty("escalationId").GetString()!;
        using var staff = app.ClientWithKey(keys.Staff);
        var escalation = await staff.GetFromJsonAsync<JsonElement>($"/api/tenants/{tenant}/escalations/{escalationId}");
        var draft = escalation.GetProperty("draft").GetString();
        Assert.Contains("5 to 8 business days", draft);
        Assert.DoesNotContain("[1]", draft);
        Assert.NotEqual(reply.GetProperty("reply").GetString(), draft);
    }

    private async Task CreateApprovedAsync()
    {
        using var admin = app.ClientWithKey(keys.Admin);
        var response = await admin.PostAsJsonAsync($"/api/tenants/{tenant}/approved-answers", new { question = Question, answer = StaffAnswer });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}

/// <summary>Limits the widget enforces come from the server's configuration.</summary>
public class WidgetLimitsTests : IAsyncLifetime
{
    private readonly SupportAgentApp app = new SupportAgentApp().With("SupportAgent:Chat:MaxMessageLength", "1234");
    private SupportAgentApp.TenantKeys keys = null!;

    public async Task InitializeAsync() => keys = await app.CreateTenantAsync("acme");

    public Task DisposeAsync() { app.Dispose(); return Task.CompletedTask; }

    [Fact]
    public async Task StartingAConversationTellsTheWidgetTheConfiguredMessageLimit()
    {
        using var http = app.ClientWithKey(keys.Widget);
        var overHttp = await (await http.PostAsync("/api/tenants/acme/conversations", null)).Content.ReadFromJsonAsync<JsonElement>();
        await using var hub = app.Hub(keys.Widget);
        await hub.StartAsync();
        var overHub = await hub.StartConversationAsync();

        Assert.Equal(1234, overHttp.GetProperty("maxMessageLength").GetInt32());
        Assert.Equal(1234, overHub.MaxMessageLength);
    }
}

[OnPostgres]
public sealed class TurnPipelineTestsOnPostgres(SharedApp shared) : TurnPipelineTests(shared);

[OnPostgres]
public sealed class WidgetLimitsTestsOnPostgres : WidgetLimitsTests;
