namespace SupportAgent.Core.Conversations;

/// <summary>A customer's thumbs up (<see cref="Helpful"/> true) or down on one assistant message.</summary>
public sealed class Feedback
{
    public required string Id { get; init; }
    public required string TenantId { get; init; }
    public required string ConversationId { get; init; }
    /// <summary>The assistant message the customer rated.</summary>
    public required string MessageId { get; init; }
    public bool Helpful { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}
