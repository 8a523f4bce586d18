using SupportAgent.Core.Conversations;
using Microsoft.AspNetCore.SignalR.Client;
using SupportAgent.Server.Conversations;
using SupportAgent.Tests.Fakes;

namespace SupportAgent.Tests.Integration.Generation;

/// <summary>The hub streams generation as it happens (SSE from the model → checked sentences → tokens to the widget).</summary>
public sealed class StreamingTests : LlmAppTests
{
    [Fact]
    public async Task TheWidgetReceivesTheFirstTokensWhileTheModelIsStillWriting()
    {
        Llm.Responder = r => CorrectCanadaAnswer(r) with { ChunkDelay = TimeSpan.FromMilliseconds(150) };
        await using var hub = App.Hub(Keys.Widget);
        await hub.StartAsync();
        var session = await hub.StartConversationAsync();

        var started = DateTime.UtcNow;
        var items = new List<(ChatStreamItem Item, TimeSpan At)>();
        await foreach (var item in hub.SendMessageAsync(session, "How long does shipping to Canada take?"))
            items.Add((item, DateTime.UtcNow - started));

        var done = items[^1].Item;
        Assert.Equal("done", done.Type);
        Assert.Equal(DecisionAction.Answered, done.Reply!.Decision);
        var tokens = items[..^1];
        Assert.True(tokens.Count > 5, "the reply should arrive token by token");
        Assert.Equal(done.Reply.Reply, string.Concat(tokens.Select(t => t.Item.Text)));
        // The first sentence is released once checked, well before the model's last chunk (about 20 chunks × 150 ms).
        Assert.True(items[^1].At - tokens[0].At > TimeSpan.FromMilliseconds(800), $"first token at {tokens[0].At}, done at {items[^1].At}");
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
        Assert.Equal("ungrounded", done.Reason);
        var streamed = string.Concat(items[..^1].Select(t => t.Text));
        Assert.DoesNotContain("drone", streamed);
        Assert.Equal(done.Reply, streamed);
    }
}
