namespace SupportAgent.Core.Handoff;

/// <summary>
/// A verdict on one assistant message: the customer's thumbs up/down, or staff marking the agent's answer
/// correct/incorrect. One row per message and source; a changed mind replaces the verdict.
/// </summary>
public sealed class Feedback
{
    public required string Id { get; init; }
    public required string TenantId { get; init; }
    public required string ConversationId { get; init; }
    public required string MessageId { get; init; }
    public required FeedbackSource Source { get; init; }
    public bool Helpful { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public enum FeedbackSource
{
    Customer,
    Staff,
}
