using SupportAgent.Core.Triage;

namespace SupportAgent.Core.Conversations.Turns;

/// <summary>The escalation an escalated turn opens: what the queue shows and what staff start from.</summary>
internal static class TurnEscalation
{
    public static Escalation New(TurnContext turn, Decision decision, DateTimeOffset now)
    {
        var outcome = turn.Outcome;
        var triaged = outcome.Triage;
        return new Escalation
        {
            Id = Ids.New("e"), TenantId = turn.Tenant.Id, ConversationId = turn.Conversation.Id, DecisionId = decision.Id,
            Reason = decision.Reason!.Value, Category = triaged.Category,
            Priority = triaged.Sensitive || triaged.Urgency == Urgency.High ? EscalationPriority.Urgent
                : triaged.Sentiment == Sentiment.Negative ? EscalationPriority.High : EscalationPriority.Normal,
            Summary = TextLimits.Summary(turn.Text),
            Draft = outcome.Draft,
            Sources = [.. outcome.Retrieval.Passages.Take(3).Select(p =>
                new Citation(p.Chunk.DocumentId, p.Chunk.Title, p.Chunk.ChunkId, TextLimits.Snippet(p.Chunk.Text), p.Chunk.Url, p.Chunk.Heading))],
            CreatedAt = now,
        };
    }
}
