using Microsoft.EntityFrameworkCore;
using SupportAgent.Tests.Fakes;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Generation;

/// <summary>The real OpenAI client, through Semantic Kernel, against the fake endpoint: what reaches the customer is grounded or escalated.</summary>
[SlowCollection]
public sealed class GroundedAnswerTests(LlmApp shared) : LlmAppTests(shared)
{
    [Fact]
    public async Task AnAnswerWithValidCitationsIsSentWithItsSources()
    {
        Llm.Responder = CorrectCanadaAnswer;
        using var chat = new ChatClient(App, Tenant, Keys.Widget);

        var reply = await chat.AskAsync(await chat.StartAsync(), "How long does shipping to Canada take?");

        Assert.Equal("answered", reply.GetProperty("decision").GetString());
        Assert.Equal("Orders to Canada are delivered in 5 to 8 business days [1]. Duties and taxes are included at checkout [1].", reply.GetProperty("reply").GetString());
        Assert.Equal("international-shipping", Assert.Single(reply.GetProperty("citations").EnumerateArray()).GetProperty("documentId").GetString());
        Assert.Equal("fake-model", reply.GetProperty("model").GetString());
        var request = Assert.Single(Llm.Requests);
        Assert.Equal("fake-model", request.Model);
        Assert.Equal("Bearer sk-test", request.Authorization);
        Assert.Contains("a friendly, concise support agent", request.System);
        Assert.Contains("Orders to Canada are delivered in 5 to 8 business days.", request.System);
        Assert.Equal(("user", "How long does shipping to Canada take?"), request.Messages[^1]);
    }

    [Fact]
    public async Task CitationsAreRenumberedToMatchTheReplysSourceList()
    {
        Llm.Responder = r => FakeReply.Text($"You can return unworn items within 30 days of delivery [{PassageNumber(r, "Returns policy")}]. Orders to Canada are delivered in 5 to 8 business days [{PassageNumber(r, "International shipping")}].");
        using var chat = new ChatClient(App, Tenant, Keys.Widget);

        var reply = await chat.AskAsync(await chat.StartAsync(), "Can I return items from my Canada order, and how long is delivery to Canada?");

        Assert.Equal("answered", reply.GetProperty("decision").GetString());
        Assert.EndsWith("delivery [1]. Orders to Canada are delivered in 5 to 8 business days [2].", reply.GetProperty("reply").GetString());
        Assert.Equal(["returns-policy", "international-shipping"], reply.GetProperty("citations").EnumerateArray().Select(c => c.GetProperty("documentId").GetString()));
    }

    [Theory]
    [InlineData("Orders to Canada are delivered in 5 to 8 business days [9].")] // no passage 9
    [InlineData("Orders to Canada are delivered in 2 business days [{0}].")] // a figure the passage does not give
    [InlineData("Orders to Canada are delivered by drone within an hour of purchase, free of charge, every day of the year [{0}].")] // unsupported
    [InlineData("Orders to Canada are delivered in 5 to 8 business days.")] // no citation at all
    public async Task AnAnswerWithABadOrMissingCitationIsEscalatedAsUngroundedAndKeptAsADraft(string answer)
    {
        Llm.Responder = r => FakeReply.Text(string.Format(answer, PassageNumber(r, "International shipping")));
        using var chat = new ChatClient(App, Tenant, Keys.Widget);

        var reply = await chat.AskAsync(await chat.StartAsync(), "How long does shipping to Canada take?");

        Assert.Equal("escalated", reply.GetProperty("decision").GetString());
        Assert.Equal("ungrounded", reply.GetProperty("reason").GetString());
        Assert.DoesNotContain("Canada", reply.GetProperty("reply").GetString());
        Assert.Empty(reply.GetProperty("citations").EnumerateArray());
        var escalationId = reply.GetProperty("escalationId").GetString();
        var escalation = await App.InDatabaseAsync(db => db.Escalations.SingleAsync(e => e.Id == escalationId));
        Assert.Equal(string.Format(answer, PassageNumber(Llm.Requests[0], "International shipping")), escalation.Draft);
    }

    [Theory]
    [InlineData("I can't answer that from our help articles.")]
    [InlineData("I'm sorry, I don't have information about that in the passages [1].")]
    [InlineData("Lo siento, no lo sé.")]
    public async Task AModelSayingItCannotAnswerIsEscalatedAsUngrounded(string answer)
    {
        Llm.Enqueue(FakeReply.Text(answer));
        using var chat = new ChatClient(App, Tenant, Keys.Widget);

        var reply = await chat.AskAsync(await chat.StartAsync(), "How long does shipping to Canada take?");

        Assert.Equal("escalated", reply.GetProperty("decision").GetString());
        Assert.Equal("ungrounded", reply.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task WhenThePolicyEscalatesBeforeGenerationTheModelIsNotCalled()
    {
        using var chat = new ChatClient(App, Tenant, Keys.Widget);

        var reply = await chat.AskAsync(await chat.StartAsync(), "I want to talk to a real person about my refund");

        Assert.Equal("wants_human", reply.GetProperty("reason").GetString());
        Assert.Empty(Llm.Requests);
    }
}
