using SupportAgent.Core.Answering;
using Microsoft.EntityFrameworkCore;
using SupportAgent.Tests.Fakes;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Generation;

/// <summary>
/// Throttling, server errors and garbage from the model over the real wire: one retry, then a polite holding reply and
/// an escalation; nothing is lost. Deadlines are proved on a fake clock (Unit/Resilience), not by waiting here.
/// </summary>
public class ResilienceTests(LlmApp shared) : LlmAppTests(shared)
{
    public static TheoryData<string> Failures => ["429", "500", "503", "malformed"];

    private static FakeReply Failure(string kind) => kind switch
    {
        "malformed" => FakeReply.Malformed(),
        _ => FakeReply.Error(int.Parse(kind)),
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task AFailureThatPersistsAfterOneRetryEscalatesAsGenerationFailedWithAHoldingReply(string kind)
    {
        await WarmUpAsync();
        Llm.Enqueue(Failure(kind), Failure(kind));
        using var chat = new ChatClient(App, Tenant, Keys.Widget);
        var conversation = await chat.StartAsync();

        var reply = await chat.AskAsync(conversation, "How long does shipping to Canada take?");

        Assert.Equal("escalated", reply.GetProperty("decision").GetString());
        Assert.Equal("generation_failed", reply.GetProperty("reason").GetString());
        Assert.Contains("couldn't put an answer together", reply.GetProperty("reply").GetString());
        Assert.Equal(3, Llm.Requests.Count); // warm-up, attempt, one retry
        var messages = await App.InDatabaseAsync(db => db.Messages.Where(m => m.ConversationId == conversation).CountAsync());
        Assert.Equal(2, messages);
        var escalation = await App.InDatabaseAsync(db => db.Escalations.SingleAsync(e => e.ConversationId == conversation));
        Assert.Equal(EscalationReason.GenerationFailed, escalation.Reason);
        var decision = await App.InDatabaseAsync(db => db.Decisions.SingleAsync(d => d.Id == escalation.DecisionId));
        Assert.Equal("fake-model", decision.Model); // the model that failed, not the extractive default
        Assert.Contains("Canada", escalation.Summary);
    }

    [Theory]
    [InlineData("429")]
    [InlineData("503")]
    [InlineData("malformed")]
    public async Task ASingleFailureIsRetriedAndTheCustomerGetsTheAnswer(string kind)
    {
        await WarmUpAsync();
        Llm.Enqueue(Failure(kind));
        Llm.Responder = CorrectCanadaAnswer;
        using var chat = new ChatClient(App, Tenant, Keys.Widget);

        var reply = await chat.AskAsync(await chat.StartAsync(), "How long does shipping to Canada take?");

        Assert.Equal("answered", reply.GetProperty("decision").GetString());
        Assert.Equal(3, Llm.Requests.Count); // warm-up, failed attempt, successful retry
    }

    /// <summary>The first call pays for JIT and connection setup, so the counted requests are the turn's own.</summary>
    private async Task WarmUpAsync()
    {
        Llm.Enqueue(FakeReply.Text("Warm."));
        using var chat = new ChatClient(App, Tenant, Keys.Widget);
        await chat.AskAsync(await chat.StartAsync(), "How long does shipping to Canada take?");
    }
}

[OnPostgres]
public sealed class ResilienceTestsOnPostgres(LlmApp shared) : ResilienceTests(shared);
