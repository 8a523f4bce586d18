using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using SupportAgent.Core.Handoff;
using SupportAgent.Server.Conversations;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration;

public class EscalationHandlingTests(SharedApp shared) : IClassFixture<SharedApp>, IAsyncLifetime
{
    private readonly SupportAgentApp app = shared.App;
    private readonly string acmeId = TenantIds.New("acme");
    private readonly string globexId = TenantIds.New("globex");
    private SupportAgentApp.TenantKeys keys = null!;
    private ChatClient chat = null!;
    private HttpClient staff = null!;

    public async Task InitializeAsync()
    {
        keys = await app.CreateTenantWithKnowledgeAsync(acmeId);
        chat = new ChatClient(app, acmeId, keys.Widget);
        staff = app.ClientWithKey(keys.Staff);
    }

    public Task DisposeAsync() { chat.Dispose(); staff.Dispose(); return Task.CompletedTask; }

    [Fact]
    public async Task AStaffReplyIsPushedLiveToTheCustomerAndStopsTheSlaClock()
    {
        await using var widget = app.Hub(keys.Widget);
        var pushed = new TaskCompletionSource<MessageView>();
        // The conversation group also hears the customer's own message and the agent's reply; the staff reply is the one to wait for.
        widget.On<MessageView>(nameof(IChatWidget.MessageAdded), m => { if (m.Role == "staff") pushed.TrySetResult(m); });
        await widget.StartAsync();
        var started = await widget.StartConversationAsync();
        var conversation = started.ConversationId;
        await foreach (var _ in widget.SendMessageAsync(started, "I want to talk to a person")) { }
        var escalation = await OpenEscalationAsync();
        Assert.Null(escalation.GetProperty("firstResponseAt").GetString());
        Assert.False(escalation.GetProperty("overdue").GetBoolean());
        Assert.Equal("wants_human", escalation.GetProperty("reason").GetString());

        var reply = await staff.PostAsJsonAsync($"/api/tenants/{acmeId}/escalations/{Id(escalation)}/reply", new { text = "Hi, Sam here. How can I help?" });

        reply.EnsureSuccessStatusCode();
        var message = await pushed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("staff", message.Role);
        Assert.Equal("Hi, Sam here. How can I help?", message.Text);
        var after = await staff.GetFromJsonAsync<JsonElement>($"/api/tenants/{acmeId}/escalations/{Id(escalation)}");
        Assert.NotNull(after.GetProperty("firstResponseAt").GetString());
        var transcript = await staff.GetFromJsonAsync<JsonElement>($"/api/tenants/{acmeId}/escalations/{Id(escalation)}/transcript");
        Assert.Equal(["customer", "assistant", "staff"], transcript.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        Assert.Equal("wants_human", transcript.GetProperty("decision").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task TheCustomerSeesStaffTypingButAWidgetCannotFakeIt()
    {
        await using var widget = app.Hub(keys.Widget);
        var typing = new TaskCompletionSource<string>();
        widget.On<string>(nameof(IChatWidget.StaffTyping), id => typing.TrySetResult(id));
        await widget.StartAsync();
        var started = await widget.StartConversationAsync();
        var conversation = started.ConversationId;
        await using var console = app.Hub(keys.Staff);
        await console.StartAsync();

        await console.InvokeAsync("JoinConversation", conversation, null);
        await console.InvokeAsync("Typing", conversation);

        Assert.Equal(conversation, await typing.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => widget.InvokeAsync("Typing", conversation));
    }

    [Fact]
    public async Task AnEscalationPastTheTenantsFirstResponseTargetIsFlaggedOverdue()
    {
        await chat.AskAsync(await chat.StartAsync(), "I want to talk to a person");
        await app.InDatabaseAsync(async db =>
        {
            var tenant = await db.Tenants.SingleAsync(t => t.Id == acmeId);
            tenant.Settings = new() { FirstResponseTargetMinutes = 0 };
            return await db.SaveChangesAsync();
        });

        var escalation = await OpenEscalationAsync();

        Assert.True(escalation.GetProperty("overdue").GetBoolean());
        Assert.Equal(escalation.GetProperty("createdAt").GetDateTimeOffset(), escalation.GetProperty("firstResponseDueAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task ResolvingTwiceOrSavingAnApprovedAnswerWithoutAReplyIsRefused()
    {
        await chat.AskAsync(await chat.StartAsync(), "I want to talk to a person");
        var id = Id(await OpenEscalationAsync());

        var withoutReply = await staff.PostAsJsonAsync($"/api/tenants/{acmeId}/escalations/{id}/resolve", new { saveAsApproved = true });
        var resolved = await staff.PostAsJsonAsync($"/api/tenants/{acmeId}/escalations/{id}/resolve", new { });
        var again = await staff.PostAsJsonAsync($"/api/tenants/{acmeId}/escalations/{id}/resolve", new { });

        Assert.Contains("Reply to the customer", await withoutReply.AssertProblemAsync(HttpStatusCode.BadRequest));
        resolved.EnsureSuccessStatusCode();
        await again.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(0, await app.InDatabaseAsync(db => db.ApprovedAnswers.CountAsync(x => x.TenantId == acmeId)));
    }

    [Fact]
    public async Task StaffCanMarkTheAgentsAnswerIncorrect()
    {
        await chat.AskAsync(await chat.StartAsync(), "I want to talk to a person");
        var id = Id(await OpenEscalationAsync());

        var verdict = await staff.PostAsJsonAsync($"/api/tenants/{acmeId}/escalations/{id}/verdict", new { correct = false });

        Assert.Equal(HttpStatusCode.NoContent, verdict.StatusCode);
        var transcript = await staff.GetFromJsonAsync<JsonElement>($"/api/tenants/{acmeId}/escalations/{id}/transcript");
        Assert.False(transcript.GetProperty("agentAnswerCorrect").GetBoolean());
        var feedback = await app.InDatabaseAsync(db => db.Feedback.AsNoTracking().SingleAsync(x => x.TenantId == acmeId));
        Assert.Equal(FeedbackSource.Staff, feedback.Source);
    }

    [Fact]
    public async Task ACustomersThumbsDownIsStoredAndAChangeOfMindReplacesIt()
    {
        var conversation = await chat.StartAsync();
        var answer = await chat.AskAsync(conversation, "How long does shipping to Canada take?");
        var messageId = answer.GetProperty("messageId").GetString();

        var down = await chat.FeedbackAsync(conversation, messageId!, new { helpful = false });
        var up = await chat.FeedbackAsync(conversation, messageId!, new { helpful = true });
        var missing = await chat.FeedbackAsync(conversation, "m_nope", new { helpful = true });
        var empty = await chat.FeedbackAsync(conversation, messageId!, new { });

        Assert.Equal(HttpStatusCode.NoContent, down.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, up.StatusCode);
        await missing.AssertProblemAsync(HttpStatusCode.NotFound);
        await empty.AssertProblemAsync(HttpStatusCode.BadRequest);
        var stored = await app.InDatabaseAsync(db => db.Feedback.AsNoTracking().SingleAsync(x => x.TenantId == acmeId));
        Assert.True(stored.Helpful);
        Assert.Equal(FeedbackSource.Customer, stored.Source);
    }

    [Fact]
    public async Task AStaffReplyToAnEscalationOfAnotherTenantIsRefused()
    {
        await chat.AskAsync(await chat.StartAsync(), "I want to talk to a person");
        var id = Id(await OpenEscalationAsync());
        var globex = await app.CreateTenantAsync(globexId);
        using var otherStaff = app.ClientWithKey(globex.Staff);

        var viaOwnRoute = await otherStaff.PostAsJsonAsync($"/api/tenants/{globexId}/escalations/{id}/reply", new { text = "hi" });
        var viaAcmeRoute = await otherStaff.PostAsJsonAsync($"/api/tenants/{acmeId}/escalations/{id}/reply", new { text = "hi" });

        await viaOwnRoute.AssertProblemAsync(HttpStatusCode.NotFound);
        await viaAcmeRoute.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(0, await app.InDatabaseAsync(db => db.Messages.CountAsync(m => m.TenantId == acmeId && m.Role == Core.Conversations.MessageRole.Staff)));
    }

    private async Task<JsonElement> OpenEscalationAsync()
    {
        var queue = await staff.GetFromJsonAsync<JsonElement>($"/api/tenants/{acmeId}/escalations?status=open");
        return Assert.Single(queue.GetProperty("escalations").EnumerateArray());
    }

    private static string Id(JsonElement escalation) => escalation.GetProperty("id").GetString()!;
}

[OnPostgres]
public sealed class EscalationHandlingTestsOnPostgres(SharedApp shared) : EscalationHandlingTests(shared);
