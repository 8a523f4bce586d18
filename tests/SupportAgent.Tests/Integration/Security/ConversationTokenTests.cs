using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SupportAgent.Server.Conversations;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Security;

/// <summary>
/// The widget key is public (it sits in the tenant's page), so a conversation id must never be enough to read, post
/// into or listen to a conversation: only the token issued when it started is.
/// </summary>
public class ConversationTokenTests : IAsyncLifetime
{
    private readonly ManualClock clock = new(DateTimeOffset.UtcNow);
    private readonly SupportAgentApp app;
    private SupportAgentApp.TenantKeys keys = null!;

    public ConversationTokenTests() => app = new SupportAgentApp().WithServices(s => s.AddSingleton<TimeProvider>(clock));

    public async Task InitializeAsync() => keys = await app.CreateTenantWithKnowledgeAsync("acme");
    public Task DisposeAsync() { app.Dispose(); return Task.CompletedTask; }

    [Fact]
    public async Task StartingAConversationReturnsItsToken()
    {
        using var widget = app.ClientWithKey(keys.Widget);

        var response = await widget.PostAsync("/api/tenants/acme/conversations", null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<ConversationsApi.StartResponse>();
        Assert.StartsWith("c_", body!.ConversationId);
        Assert.True(body.ConversationToken.Length >= 32, "the token must be a secret, not a guessable value");
    }

    [Fact]
    public async Task AnotherClientWithTheWidgetKeyAndTheIdButNoTokenCannotPostOrRateAnswers()
    {
        using var owner = new ChatClient(app, "acme", keys.Widget);
        var conversation = await owner.StartAsync();
        var answer = await owner.AskAsync(conversation, "How long does shipping to Canada take?");
        using var other = new ChatClient(app, "acme", keys.Widget);
        var otherConversation = await other.StartAsync();
        using var stranger = app.ClientWithKey(keys.Widget);
        var messagesBefore = await app.InDatabaseAsync(db => db.Messages.CountAsync());

        var noToken = await stranger.PostAsJsonAsync($"/api/tenants/acme/conversations/{conversation}/messages", new { text = "What did I ask before?" });
        var wrongToken = await PostWithTokenAsync(stranger, conversation, "not-a-token");
        var tokenOfAnother = await PostWithTokenAsync(stranger, conversation, other.TokenOf(otherConversation));
        var feedback = await stranger.PostAsJsonAsync(
            $"/api/tenants/acme/conversations/{conversation}/messages/{answer.GetProperty("messageId").GetString()}/feedback", new { helpful = false });
        var unknown = await PostWithTokenAsync(stranger, "c_doesnotexist", other.TokenOf(otherConversation));

        var details = new List<string>();
        foreach (var response in new[] { noToken, wrongToken, tokenOfAnother, feedback })
            details.Add(await response.AssertProblemAsync(HttpStatusCode.NotFound));
        // A refused token reads exactly like a conversation that does not exist.
        Assert.Equal(details[0].Replace(conversation, "c_doesnotexist"), await unknown.AssertProblemAsync(HttpStatusCode.NotFound));
        Assert.Equal(messagesBefore, await app.InDatabaseAsync(db => db.Messages.CountAsync()));
        Assert.Equal(0, await app.InDatabaseAsync(db => db.Feedback.CountAsync()));
    }

    [Fact]
    public async Task AnotherHubClientWithoutTheTokenGetsNoHistoryCannotSendAndHearsNoStaffReply()
    {
        await using var customer = app.Hub(keys.Widget);
        var customerHears = new TaskCompletionSource<MessageView>();
        customer.On<MessageView>(nameof(IChatWidget.MessageAdded), m => { if (m.Role == "staff") customerHears.TrySetResult(m); });
        await customer.StartAsync();
        var started = await customer.StartConversationAsync();
        await customer.AskAsync(started, "I want to talk to a person");
        await using var eavesdropper = app.Hub(keys.Widget);
        var overheard = new List<MessageView>();
        eavesdropper.On<MessageView>(nameof(IChatWidget.MessageAdded), m => { lock (overheard) overheard.Add(m); });
        await eavesdropper.StartAsync();
        var id = started.ConversationId;

        await Assert.ThrowsAsync<HubException>(() => eavesdropper.InvokeAsync("JoinConversation", id, null));
        await Assert.ThrowsAsync<HubException>(() => eavesdropper.InvokeAsync("JoinConversation", id, "forged"));
        await Assert.ThrowsAsync<HubException>(() => eavesdropper.InvokeAsync<object>("History", id, null));
        await Assert.ThrowsAsync<HubException>(async () =>
        {
            await foreach (var _ in eavesdropper.StreamAsync<ChatStreamItem>("SendMessage", id, "", "Hello?")) { }
        });
        using var staff = app.ClientWithKey(keys.Staff);
        var queue = await staff.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/tenants/acme/escalations?status=open");
        var escalation = queue.GetProperty("escalations")[0].GetProperty("id").GetString();
        (await staff.PostAsJsonAsync($"/api/tenants/acme/escalations/{escalation}/reply", new { text = "Sam here, how can I help?" })).EnsureSuccessStatusCode();

        Assert.Equal("Sam here, how can I help?", (await customerHears.Task.WaitAsync(TimeSpan.FromSeconds(10))).Text);
        lock (overheard) Assert.Empty(overheard);
        var history = await customer.InvokeAsync<List<MessageView>>("History", id, started.ConversationToken);
        Assert.Equal(["customer", "assistant", "staff"], history.Select(m => m.Role));
    }

    [Fact]
    public async Task ARestoredSessionExpiresAfterTheTenantsSessionLifetime()
    {
        await app.InDatabaseAsync(async db =>
        {
            var tenant = await db.Tenants.SingleAsync(t => t.Id == "acme");
            tenant.Settings = new() { ConversationSessionHours = 2 };
            return await db.SaveChangesAsync();
        });
        await using var customer = app.Hub(keys.Widget);
        await customer.StartAsync();
        var started = await customer.StartConversationAsync();

        clock.Advance(TimeSpan.FromMinutes(119));
        await customer.InvokeAsync("JoinConversation", started.ConversationId, started.ConversationToken);
        clock.Advance(TimeSpan.FromMinutes(2));

        await Assert.ThrowsAsync<HubException>(() => customer.InvokeAsync("JoinConversation", started.ConversationId, started.ConversationToken));
        await Assert.ThrowsAsync<HubException>(() => customer.InvokeAsync<object>("History", started.ConversationId, started.ConversationToken));
    }

    [Fact]
    public async Task ATokenOfOneTenantDoesNotOpenTheSameIdInAnother()
    {
        var globex = await app.CreateTenantAsync("globex");
        using var acme = new ChatClient(app, "acme", keys.Widget);
        var conversation = await acme.StartAsync();
        using var globexWidget = app.ClientWithKey(globex.Widget);

        var response = await PostWithTokenAsync(globexWidget, conversation, acme.TokenOf(conversation), tenant: "globex");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    private static Task<HttpResponseMessage> PostWithTokenAsync(HttpClient client, string conversation, string token, string tenant = "acme")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tenants/{tenant}/conversations/{conversation}/messages")
        {
            Content = JsonContent.Create(new { text = "Let me in" }),
        };
        request.Headers.Add("X-Conversation-Token", token);
        return client.SendAsync(request);
    }
}

[OnPostgres]
public sealed class ConversationTokenTestsOnPostgres : ConversationTokenTests;
