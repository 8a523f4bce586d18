using SupportAgent.Core.Answering;

namespace SupportAgent.Core.Conversations;

public sealed class Escalation
{
    public required string Id { get; init; }
    public required string TenantId { get; init; }
    public required string ConversationId { get; init; }
    public required string DecisionId { get; init; }
    public EscalationStatus Status { get; set; } = EscalationStatus.Open;
    /// <summary>Derived from urgency and sentiment so the queue can sort on it.</summary>
    public EscalationPriority Priority { get; set; } = EscalationPriority.Normal;
    public required EscalationReason Reason { get; set; }
    public string? Category { get; set; }
    /// <summary>One line for the queue: what the customer wants.</summary>
    public required string Summary { get; set; }
    /// <summary>The agent's best attempt, for staff to edit and send.</summary>
    public string? Draft { get; set; }
    public List<Citation> Sources { get; set; } = [];
    public string? Assignee { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? FirstResponseAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
}
