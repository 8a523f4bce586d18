namespace SupportAgent.Core.Handoff;

/// <summary>A question and the reply staff approved for it; searched before the knowledge base (the feedback loop).</summary>
public sealed class ApprovedAnswer
{
    public required string Id { get; init; }
    public required string TenantId { get; init; }
    public required string Question { get; set; }
    public required string Answer { get; set; }
    /// <summary>The escalation it was learned from, when it came from the console.</summary>
    public string? EscalationId { get; init; }
    /// <summary>How many customer questions it has answered; shows admins which pairs earn their keep.</summary>
    public int Hits { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}
