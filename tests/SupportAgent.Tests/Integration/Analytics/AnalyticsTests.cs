using SupportAgent.Core.Handoff;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SupportAgent.Core.Answering;
using SupportAgent.Core.Conversations;
using SupportAgent.Core.Tenants;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Analytics;

/// <summary>
/// Drives a known mix of conversations through the widget API, then checks every analytics figure against it.
/// Figures that need exact timings or routes a test server cannot produce (agent latencies, adapter and approved-answer
/// markers, staff times to the second) are set on the stored records; <see cref="StaffWorkAnalyticsTests"/> drives the
/// staff reply, resolve and thumbs path through the API itself with a hand-moved clock.
/// </summary>
public class AnalyticsTests(SharedApp shared) : IClassFixture<SharedApp>, IAsyncLifetime
{
    private readonly SupportAgentApp app = shared.App;
    private readonly string acmeId = TenantIds.New("acme");
    private readonly string globexId = TenantIds.New("globex");
    private SupportAgentApp.TenantKeys keys = null!;

    public async Task InitializeAsync() => keys = await app.CreateTenantWithKnowledgeAsync(acmeId);
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task EveryFigureMatchesAKnownMixOfAnsweredEscalatedAndResolvedConversations()
    {
        using var chat = new ChatClient(app, acmeId, keys.Widget);
        var shipping = await Conversation(chat, ("How long does shipping to Canada take?", "answered"));
        var twoAnswers = await Conversation(chat, ("How long does shipping to Canada take?", "answered"), ("How do I return an item I bought?", "answered"));
        var wantsHuman = await Conversation(chat, ("Can I talk to a real person about my return please?", "escalated"));
        var offTopic = await Conversation(chat, ("What is the boiling point of mercury in kelvin?", "escalated"));
        var answeredThenHuman = await Conversation(chat, ("How do I return an item I bought?", "answered"), ("I want to talk to a real person please", "escalated"));
        await chat.StartAsync(); // started but never written in: counted, yet the agent never handled it
        var old = await Conversation(chat, ("Which cards do you accept?", "answered"));
        await MoveConversationAsync(old.Id, DateTimeOffset.UtcNow.AddDays(-40));
        await EvaluationConversationAsync();
        var other = await app.CreateTenantWithKnowledgeAsync(globexId);
        using (var otherChat = new ChatClient(app, globexId, other.Widget))
            await Conversation(otherChat, ("Can I talk to a real person about my return please?", "escalated"));

        // The agent's measured latency per decision; only each conversation's first decision is a first response.
        await SetLatencyAsync(shipping.Replies[0], 100);
        await SetLatencyAsync(twoAnswers.Replies[0], 200);
        await SetLatencyAsync(twoAnswers.Replies[1], 5000);
        await SetLatencyAsync(wantsHuman.Replies[0], 300);
        await SetLatencyAsync(offTopic.Replies[0], 400);
        await SetLatencyAsync(answeredThenHuman.Replies[0], 500);
        await SetLatencyAsync(answeredThenHuman.Replies[1], 7000);
        // Staff: first reply 90 s and resolved after 30 min; first reply 30 s, still open; first reply 150 s, resolved after 10 min.
        await StaffHandledAsync(wantsHuman.Replies[0], TimeSpan.FromSeconds(90), TimeSpan.FromMinutes(30));
        await StaffHandledAsync(offTopic.Replies[0], TimeSpan.FromSeconds(30), null);
        await StaffHandledAsync(answeredThenHuman.Replies[1], TimeSpan.FromSeconds(150), TimeSpan.FromMinutes(10));
        await UpdateDecisionAsync(shipping.Replies[0], d => d.SetProperty(x => x.Model, ApprovedAnswers.ModelName));
        await UpdateDecisionAsync(twoAnswers.Replies[1], d => d.SetProperty(x => x.Adapter, $"{acmeId}-tone").SetProperty(x => x.Model, $"{acmeId}-tone"));
        await UpdateDecisionAsync(answeredThenHuman.Replies[0], d => d.SetProperty(x => x.Adapter, $"{acmeId}-tone").SetProperty(x => x.Fallback, true));
        await FeedbackAsync(shipping, 0, helpful: true);
        await FeedbackAsync(twoAnswers, 0, helpful: true);
        await FeedbackAsync(twoAnswers, 1, helpful: false);
        await SetMinutesPerDeflectionAsync(7.5);

        var report = await GetAnalyticsAsync("");

        Assert.Equal(6, report.GetProperty("conversations").GetInt32()); // the old, evaluation and other-tenant ones excluded
        Assert.Equal(7, report.GetProperty("messages").GetInt32());
        Assert.Equal(2.0 / 5, report.GetProperty("deflectionRate").GetDouble(), 9); // 5 conversations reached the agent, 2 never escalated
        Assert.Equal(3.0 / 5, report.GetProperty("escalationRate").GetDouble(), 9);
        Assert.Equal(new Dictionary<string, int> { ["low_confidence"] = 1, ["wants_human"] = 2 }, Counts(report, "escalationsByReason"));
        var byCategory = new[] { wantsHuman.Replies[0], offTopic.Replies[0], answeredThenHuman.Replies[1] }
            .GroupBy(r => r.Category ?? "uncategorized").ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(byCategory, Counts(report, "escalationsByCategory"));
        Assert.Equal(300, report.GetProperty("firstResponseMs").GetProperty("agentP50").GetDouble());
        Assert.Equal(90_000, report.GetProperty("firstResponseMs").GetProperty("staffP50").GetDouble());
        Assert.Equal(20, report.GetProperty("resolutionMinutesP50").GetDouble(), 6);
        Assert.Equal(1, report.GetProperty("approvedAnswerHits").GetInt32());
        Assert.Equal(2.0 / 3, report.GetProperty("thumbsUpRate").GetDouble(), 9);
        Assert.Equal(1.0 / 4, report.GetProperty("adapterShare").GetDouble(), 9); // the fallback to base does not count
        Assert.Equal(2 * 7.5, report.GetProperty("staffMinutesSaved").GetDouble());

        var wide = await GetAnalyticsAsync($"?from={Uri.EscapeDataString($"{DateTimeOffset.UtcNow.AddDays(-60):O}")}&to={Uri.EscapeDataString($"{DateTimeOffset.UtcNow.AddMinutes(1):O}")}");
        Assert.Equal(7, wide.GetProperty("conversations").GetInt32());
        Assert.Equal(3 * 7.5, wide.GetProperty("staffMinutesSaved").GetDouble());
    }

    [Fact]
    public async Task ATenantWithNoConversationsGetsZeroCountsAndNullRates()
    {
        var report = await GetAnalyticsAsync("");

        // The public contract's shape, field for field.
        Assert.Equal(["conversations", "messages", "deflectionRate", "escalationRate", "escalationsByReason", "escalationsByCategory",
            "firstResponseMs", "resolutionMinutesP50", "approvedAnswerHits", "thumbsUpRate", "adapterShare", "staffMinutesSaved"],
            report.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["agentP50", "staffP50"], report.GetProperty("firstResponseMs").EnumerateObject().Select(p => p.Name));
        Assert.Equal(0, report.GetProperty("conversations").GetInt32());
        Assert.Equal(0, report.GetProperty("messages").GetInt32());
        foreach (var rate in new[] { "deflectionRate", "escalationRate", "resolutionMinutesP50", "thumbsUpRate", "adapterShare" })
            Assert.Equal(JsonValueKind.Null, report.GetProperty(rate).ValueKind);
        Assert.Equal(JsonValueKind.Null, report.GetProperty("firstResponseMs").GetProperty("agentP50").ValueKind);
        Assert.Empty(report.GetProperty("escalationsByReason").EnumerateObject());
        Assert.Equal(0, report.GetProperty("staffMinutesSaved").GetDouble());
    }

    [Fact]
    public async Task AnEvaluationRunThroughTheApiDoesNotCountInAnalytics()
    {
        using var admin = app.ClientWithKey(keys.Admin);
        const string cases = """
            {"id":"canada","question":"How long does shipping to Canada take?","expectedDecision":"answer"}
            {"id":"person","question":"I want to speak to a real person","expectedDecision":"escalate"}
            """;
        var run = await admin.PostAsync($"/api/tenants/{acmeId}/evaluations", new StringContent(cases, System.Text.Encoding.UTF8, "application/x-ndjson"));
        Assert.True(run.IsSuccessStatusCode, await run.Content.ReadAsStringAsync());

        var report = await GetAnalyticsAsync("");

        Assert.Equal(0, report.GetProperty("conversations").GetInt32());
        Assert.Equal(0, report.GetProperty("messages").GetInt32());
        Assert.Empty(report.GetProperty("escalationsByReason").EnumerateObject());
    }

    private sealed record Sent(string Id, List<Reply> Replies);
    private sealed record Reply(string MessageId, string? Category);

    private static async Task<Sent> Conversation(ChatClient chat, params (string Text, string Decision)[] turns)
    {
        var id = await chat.StartAsync();
        var replies = new List<Reply>();
        foreach (var (text, decision) in turns)
        {
            var reply = await chat.AskAsync(id, text);
            Assert.Equal(decision, reply.GetProperty("decision").GetString());
            var category = reply.GetProperty("category");
            replies.Add(new Reply(reply.GetProperty("messageId").GetString()!, category.ValueKind == JsonValueKind.Null ? null : category.GetString()));
        }
        return new Sent(id, replies);
    }

    private async Task<JsonElement> GetAnalyticsAsync(string query)
    {
        using var admin = app.ClientWithKey(keys.Admin);
        var response = await admin.GetAsync($"/api/tenants/{acmeId}/analytics{query}");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Dictionary<string, int> Counts(JsonElement report, string name) =>
        report.GetProperty(name).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());

    private async Task EvaluationConversationAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var chat = scope.ServiceProvider.GetRequiredService<ChatService>();
        var conversation = await chat.StartAsync(acmeId, isEvaluation: true, default);
        var reply = await chat.HandleAsync(conversation, "Can I talk to a real person about my return please?", default);
        await FeedbackAsync(conversation.Id, reply.MessageId, helpful: false);
    }

    private Task MoveConversationAsync(string id, DateTimeOffset createdAt) => app.InDatabaseAsync(db =>
        db.Conversations.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.CreatedAt, createdAt)));

    private Task SetLatencyAsync(Reply reply, long ms) => UpdateDecisionAsync(reply, d => d.SetProperty(x => x.LatencyMs, ms));

    private Task UpdateDecisionAsync(Reply reply, Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<Decision>> set) =>
        app.InDatabaseAsync(db => db.Decisions.Where(d => d.ReplyMessageId == reply.MessageId).ExecuteUpdateAsync(set));

    private Task StaffHandledAsync(Reply reply, TimeSpan firstResponse, TimeSpan? resolution) => app.InDatabaseAsync(async db =>
    {
        var decision = await db.Decisions.SingleAsync(d => d.ReplyMessageId == reply.MessageId);
        var escalation = await db.Escalations.SingleAsync(e => e.DecisionId == decision.Id);
        escalation.FirstResponseAt = escalation.CreatedAt + firstResponse;
        if (resolution is { } r) { escalation.ResolvedAt = escalation.CreatedAt + r; escalation.Status = EscalationStatus.Resolved; }
        return await db.SaveChangesAsync();
    });

    private Task FeedbackAsync(Sent conversation, int reply, bool helpful) => FeedbackAsync(conversation.Id, conversation.Replies[reply].MessageId, helpful);

    private Task FeedbackAsync(string conversationId, string messageId, bool helpful) => app.InDatabaseAsync(db =>
    {
        db.Feedback.Add(new Feedback { Id = Guid.NewGuid().ToString("N"), TenantId = acmeId, ConversationId = conversationId, MessageId = messageId, Source = FeedbackSource.Customer, Helpful = helpful, CreatedAt = DateTimeOffset.UtcNow });
        return db.SaveChangesAsync();
    });

    private Task SetMinutesPerDeflectionAsync(double minutes) => app.InDatabaseAsync(async db =>
    {
        var tenant = await db.Tenants.SingleAsync(t => t.Id == acmeId);
        tenant.Settings = new TenantSettings { StaffMinutesPerDeflection = minutes };
        return await db.SaveChangesAsync();
    });
}

[OnPostgres]
public sealed class AnalyticsTestsOnPostgres(SharedApp shared) : AnalyticsTests(shared);
