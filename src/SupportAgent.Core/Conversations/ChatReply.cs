using SupportAgent.Core.Answering;

namespace SupportAgent.Core.Conversations;

/// <summary>The public result of one customer message (the HTTP contract's response body).</summary>
public sealed record ChatReply(
    string MessageId,
    string Reply,
    DecisionAction Decision,
    EscalationReason? Reason,
    string? Category,
    IReadOnlyList<Citation> Citations,
    string? EscalationId,
    string Model);
