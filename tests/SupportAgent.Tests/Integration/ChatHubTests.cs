using SupportAgent.Core.Answering;
using SupportAgent.Core.Conversations;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using SupportAgent.Server.Conversations;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration;

public class ChatHubTests(SharedApp shared) : IClassFixture<SharedApp>, IAsyncLifetime
{
    private readonly SupportAgentApp app = shared.App;
    private readonly string acmeId = TenantIds.New("acme");
    private readonly string globexId = TenantIds.New("globex");
    private SupportAgentApp.TenantKeys keys = null!;

    public async Task InitializeAsync() => keys = await app.CreateTenantWithKnowledgeAsync(acmeId);
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TheHubStreamsTheReplyInPiecesAndEndsWithTheCitedAnswer()
    {
        await using var hub = app.Hub(keys.Widget);
        await hub.StartAsync();
        var started = await hub.StartConversationAsync();
        var conversation = started.ConversationId;

        var items = new List<ChatStreamItem>();
        await foreach (var item in hub.SendMessageAsync(started, "How long does shipping to Canada take?"))
            items.Add(item);

        var done = items[^1];
        Assert.Equal("done", done.Type);
        Assert.Equal(DecisionAction.Answered, done.Reply!.Decision);
        Assert.Equal("international-shipping", Assert.Single(done.Reply.Citations).DocumentId);
        var tokens = items[..^1];
        Assert.True(tokens.Count > 1, "the reply should arrive in several pieces");
        Assert.Equal(done.Reply.Reply, string.Concat(tokens.Select(t => t.Text)));
    }

    [Fact]
    public async Task StaffConnectedToTheHubSeeANewEscalationLive()
    {
        await using var staff = app.Hub(keys.Staff);
        var escalations = new TaskCompletionSource<EscalationView>();
        staff.On<EscalationView>(nameof(IChatWidget.EscalationCreated), e => escalations.TrySetResult(e));
        await staff.StartAsync();
        await using var widget = app.Hub(keys.Widget);
        await widget.StartAsync();
        var started = await widget.StartConversationAsync();
        var conversation = started.ConversationId;

        await foreach (var _ in widget.SendMessageAsync(started, "I want to speak to someone")) { }

        var escalation = await escalations.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(conversation, escalation.ConversationId);
        Assert.Equal(EscalationReason.WantsHuman, escalation.Reason);
    }

    [Fact]
    public async Task StaffWithAConversationOpenSeeTheCustomersNextMessageAndTheAgentsReplyLive()
    {
        await using var widget = app.Hub(keys.Widget);
        await widget.StartAsync();
        var started = await widget.StartConversationAsync();
        var conversation = started.ConversationId;
        await using var staff = app.Hub(keys.Staff);
        var seen = new List<MessageView>();
        var both = new TaskCompletionSource();
        staff.On<MessageView>(nameof(IChatWidget.MessageAdded), m =>
        {
            lock (seen) { seen.Add(m); if (seen.Count == 2) both.TrySetResult(); }
        });
        await staff.StartAsync();
        await staff.InvokeAsync("JoinConversation", conversation, null);

        await foreach (var _ in widget.SendMessageAsync(started, "How long does shipping to Canada take?")) { }

        await both.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["customer", "assistant"], seen.Select(m => m.Role));
        Assert.Equal("How long does shipping to Canada take?", seen[0].Text);
        Assert.All(seen, m => Assert.Equal(conversation, m.ConversationId));
    }

    [Fact]
    public async Task TheHubRefusesAnEmptyMessage()
    {
        await using var hub = app.Hub(keys.Widget);
        await hub.StartAsync();
        var started = await hub.StartConversationAsync();
        var conversation = started.ConversationId;

        var error = await Assert.ThrowsAsync<HubException>(async () =>
        {
            await foreach (var _ in hub.SendMessageAsync(started, "")) { }
        });
        Assert.Contains("empty", error.Message);
    }

    [Fact]
    public async Task TheHubRejectsAConnectionWithoutAValidKey()
    {
        await using var hub = app.Hub("sa_widget_wrong");

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync());
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task AWidgetCannotJoinAConversationOfAnotherTenant()
    {
        var globex = await app.CreateTenantAsync(globexId);
        await using var acmeHub = app.Hub(keys.Widget);
        await acmeHub.StartAsync();
        var started = await acmeHub.StartConversationAsync();
        var conversation = started.ConversationId;
        await using var globexHub = app.Hub(globex.Widget);
        await globexHub.StartAsync();

        await Assert.ThrowsAsync<HubException>(() => globexHub.InvokeAsync("JoinConversation", conversation, started.ConversationToken));
    }
}

[OnPostgres]
public sealed class ChatHubTestsOnPostgres(SharedApp shared) : ChatHubTests(shared);
