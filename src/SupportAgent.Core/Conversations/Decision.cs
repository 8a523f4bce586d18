using SupportAgent.Core.Answering;
using SupportAgent.Core.Triage;

namespace SupportAgent.Core.Conversations;

/// <summary>The audit record of one customer message: what triage saw, what retrieval found, what the policy did and why.</summary>
public sealed class Decision
{
    public required string Id { get; init; }
    public required string TenantId { get; init; }
    public required string ConversationId { get; init; }
    /// <summary>The customer message this decision answers.</summary>
    public required string MessageId { get; init; }
    /// <summary>The assistant message that was sent back.</summary>
    public string? ReplyMessageId { get; set; }
    public string? Category { get; set; }
    public Urgency? Urgency { get; set; }
    public Sentiment? Sentiment { get; set; }
    /// <summary>The classifier's probability for <see cref="Category"/> (1 for a keyword match, 0 for none).</summary>
    public double CategoryConfidence { get; set; }
    public bool OutOfScope { get; set; }
    public double TopScore { get; set; }
    public DecisionAction Action { get; set; }
    /// <summary>The most specific reason, or null when answered.</summary>
    public EscalationReason? Reason { get; set; }
    /// <summary>Every reason that applied.</summary>
    public List<EscalationReason> Reasons { get; set; } = [];
    /// <summary>The passages retrieval returned, best first.</summary>
    public List<RetrievedSource> Retrieved { get; set; } = [];
    public required string Model { get; set; }
    public string? Adapter { get; set; }
    public bool Fallback { get; set; }
    public long LatencyMs { get; set; }
    public int Tokens { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}
