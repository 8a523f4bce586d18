using SupportAgent.Core.Conversations;

namespace SupportAgent.Server.Conversations;

/// <summary>One item of a streamed reply: text deltas (<c>token</c>), then a single <c>done</c> carrying the full reply.</summary>
public sealed record ChatStreamItem(string Type, string? Text = null, ChatReply? Reply = null)
{
    public static ChatStreamItem Token(string text) => new("token", text);
    public static ChatStreamItem Done(ChatReply reply) => new("done", Reply: reply);
}
