using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration;

public class ChatOverHttpTests(SharedApp shared) : IClassFixture<SharedApp>, IAsyncLifetime
{
    private readonly SupportAgentApp app = shared.App;
    private readonly string acmeId = TenantIds.New("acme");
    private SupportAgentApp.TenantKeys keys = null!;

    public async Task InitializeAsync() => keys = await app.CreateTenantWithKnowledgeAsync(acmeId);
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AQuestionFromTheKnowledgeBaseIsAnsweredWithACitationOfTheRightDocument()
    {
        using var chat = new ChatClient(app, acmeId, keys.Widget);
        var conversation = await chat.StartAsync();

        var reply = await chat.AskAsync(conversation, "How long does shipping to Canada take?");

        Assert.Equal("answered", reply.GetProperty("decision").GetString());
        Assert.Contains("5 to 8 business days", reply.GetProperty("reply").GetString());
        var citation = Assert.Single(reply.GetProperty("citations").EnumerateArray());
        Assert.Equal("international-shipping", citation.GetProperty("documentId").GetString());
        Assert.Equal("International shipping", citation.GetProperty("title").GetString());
        Assert.Contains("Canada", citation.GetProperty("snippet").GetString());
        Assert.False(string.IsNullOrEmpty(citation.GetProperty("chunkId").GetString()));
        Assert.Equal("extractive", reply.GetProperty("model").GetString());
    }

    [Fact]
    public async Task AnOffTopicQuestionIsEscalatedForLowConfidenceAndTheCustomerIsToldAPersonWillFollowUp()
    {
        using var chat = new ChatClient(app, acmeId, keys.Widget);
        var conversation = await chat.StartAsync();

        var reply = await chat.AskAsync(conversation, "What is the boiling point of mercury in kelvin?");

        Assert.Equal("escalated", reply.GetProperty("decision").GetString());
        Assert.Equal("low_confidence", reply.GetProperty("reason").GetString());
        Assert.Contains("a person will reply", reply.GetProperty("reply").GetString());
        Assert.Empty(reply.GetProperty("citations").EnumerateArray());
        var escalationId = reply.GetProperty("escalationId").GetString();
        var stored = await app.InDatabaseAsync(db => db.Escalations.SingleAsync(e => e.Id == escalationId));
        Assert.Equal(conversation, stored.ConversationId);
    }

    [Fact]
    public async Task AskingForAPersonEscalatesWithWantsHumanAndAppearsInTheStaffQueue()
    {
        using var chat = new ChatClient(app, acmeId, keys.Widget);
        var conversation = await chat.StartAsync();

        var reply = await chat.AskAsync(conversation, "Can I talk to a real person about my return please?");

        Assert.Equal("escalated", reply.GetProperty("decision").GetString());
        Assert.Equal("wants_human", reply.GetProperty("reason").GetString());
        Assert.Equal("returns", reply.GetProperty("category").GetString());
        using var staff = app.ClientWithKey(keys.Staff);
        var queue = await staff.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/tenants/{acmeId}/escalations?status=open");
        var item = Assert.Single(queue.GetProperty("escalations").EnumerateArray());
        Assert.Equal(reply.GetProperty("escalationId").GetString(), item.GetProperty("id").GetString());
        Assert.Equal("wants_human", item.GetProperty("reason").GetString());
        Assert.Equal("open", item.GetProperty("status").GetString());
    }

    [Fact]
    public async Task EveryMessageAndItsDecisionArePersisted()
    {
        using var chat = new ChatClient(app, acmeId, keys.Widget);
        var conversation = await chat.StartAsync();

        var reply = await chat.AskAsync(conversation, "How do I return an item I bought?");

        var messages = await app.InDatabaseAsync(db => db.Messages.Where(m => m.ConversationId == conversation).OrderBy(m => m.Id).ToListAsync());
        Assert.Equal(["How do I return an item I bought?", reply.GetProperty("reply").GetString()], messages.Select(m => m.Text));
        var decision = await app.InDatabaseAsync(db => db.Decisions.SingleAsync(d => d.ConversationId == conversation));
        Assert.Equal(reply.GetProperty("messageId").GetString(), decision.ReplyMessageId);
        Assert.Equal(reply.GetProperty("decision").GetString(), decision.Action.ToString().ToLowerInvariant());
    }
}

[OnPostgres]
public sealed class ChatOverHttpTestsOnPostgres(SharedApp shared) : ChatOverHttpTests(shared);
