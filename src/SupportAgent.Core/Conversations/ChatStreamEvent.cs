namespace SupportAgent.Core.Conversations;

/// <summary>One item of a streamed reply: a text delta, or the final reply (always last).</summary>
public sealed record ChatStreamEvent(string? Text, ChatReply? Reply)
{
    public static ChatStreamEvent Token(string text) => new(text, null);
    public static ChatStreamEvent Done(ChatReply reply) => new(null, reply);
}
