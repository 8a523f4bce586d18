namespace SupportAgent.Core.Conversations;

public sealed class Message
{
    public required string Id { get; init; }
    public required string TenantId { get; init; }
    public required string ConversationId { get; init; }
    public required MessageRole Role { get; init; }
    public required string Text { get; init; }
    public List<Citation> Citations { get; init; } = [];
    /// <summary>Staff member (key prefix) for staff replies.</summary>
    public string? Author { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
