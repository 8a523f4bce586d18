using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace SupportAgent.Tests.Unit.Resilience;

/// <summary>A chat model in memory: each call takes the next scripted behaviour (stream text, hang until cancelled, or throw).</summary>
internal sealed class ScriptedChatClient(params ScriptedChatClient.Step[] steps) : IChatClient
{
    public abstract record Step;
    public sealed record Say(params string[] Pieces) : Step;
    public sealed record Hang : Step;
    public sealed record Fail(Exception Error, string? After = null) : Step;

    private int calls;
    public int Calls => calls;

    private Step Next() => steps[Math.Min(Interlocked.Increment(ref calls) - 1, steps.Length - 1)];

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var text = "";
        await foreach (var update in GetStreamingResponseAsync(messages, options, cancellationToken)) text += update.Text;
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, text));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        switch (Next())
        {
            case Say say:
                foreach (var piece in say.Pieces) yield return new ChatResponseUpdate(ChatRole.Assistant, piece);
                break;
            case Hang:
                await Task.Delay(Timeout.Infinite, cancellationToken);
                break;
            case Fail fail:
                if (fail.After is { } shown) yield return new ChatResponseUpdate(ChatRole.Assistant, shown);
                throw fail.Error;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("scripted", null, "base") : null;

    public void Dispose() { }
}
