using SupportAgent.Core.Answering;
using SupportAgent.Core.Conversations;
using Microsoft.AspNetCore.SignalR.Client;
using SupportAgent.Server.Conversations;
using SupportAgent.Tests.Fakes;

namespace SupportAgent.Tests.Integration.Generation;

/// <summary>The hub streams generation as it happens (SSE from the model → checked sentences → tokens to the widget).</summary>
public sealed class StreamingTests(LlmApp shared) : LlmAppTests(shared)
{
    [Fact]
    public async Task TheWidgetReceivesTheFirstTokensWhileTheModelIsStillWriting()
    {
        // The model's last piece is held back until the widget has shown something: text that arrives while it is held
        // was released before the model finished writing. (A stalled stream is released after 30 s and then fails.)
        var modelFinishes = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stall = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var _ = stall.Token.Register(() => modelFinishes.TrySetResult());
        Llm.Responder = r => CorrectCanadaAnswer(r) with { HoldLastPiece = modelFinishes.Task };
        await using var hub = App.Hub(Keys.Widget);
        await hub.StartAsync();
        var session = await hub.StartConversationAsync();

        var items = new List<ChatStreamItem>();
        bool? firstTokenWhileModelWrites = null;
        await foreach (var item in hub.SendMessageAsync(session, "How long does shipping to Canada take?"))
        {
            if (item.Type != "done" && firstTokenWhileModelWrites is null)
            {
                firstTokenWhileModelWrites = !modelFinishes.Task.IsCompleted;
                modelFinishes.TrySetResult();
            }
            items.Add(item);
        }

        var done = items[^1];
        Assert.Equal("done", done.Type);
        Assert.Equal(DecisionAction.Answered, done.Reply!.Decision);
        var tokens = items[..^1];
        Assert.True(tokens.Count > 5, "the reply should arrive token by token");
        Assert.Equal(done.Reply.Reply, string.Concat(tokens.Select(t => t.Text)));
        Assert.True(firstTokenWhileModelWrites, "the first checked sentence should reach the widget before the model's last piece");
        Assert.True(Assert.Single(Llm.Requests).Stream);
    }

    [Fact]
    public async Task AnUngroundedAnswerIsNeverStreamedOnlyTheHandoffIs()
    {
        Llm.Enqueue(FakeReply.Text("Orders to Canada arrive tomorrow by drone. It is free."));
        await using var hub = App.Hub(Keys.Widget);
        await hub.StartAsync();
        var session = await hub.StartConversationAsync();

        var items = new List<ChatStreamItem>();
        await foreach (var item in hub.SendMessageAsync(session, "How long does shipping to Canada take?"))
            items.Add(item);

        var done = items[^1].Reply!;
        Assert.Equal(EscalationReason.Ungrounded, done.Reason);
        var streamed = string.Concat(items[..^1].Select(t => t.Text));
        Assert.DoesNotContain("drone", streamed);
        Assert.Equal(done.Reply, streamed);
    }
}
