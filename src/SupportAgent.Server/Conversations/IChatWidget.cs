using SupportAgent.Core.Answering;
using SupportAgent.Core.Conversations;
using SupportAgent.Core.Triage;

namespace SupportAgent.Server.Conversations;

/// <summary>What the server pushes to hub clients (widgets and staff consoles).</summary>
public interface IChatWidget
{
    /// <summary>A new message in a conversation the client has joined (e.g. a staff reply).</summary>
    Task MessageAdded(MessageView message);

    /// <summary>Staff only: a new escalation in their tenant's queue.</summary>
    Task EscalationCreated(EscalationView escalation);

    /// <summary>Staff only: an escalation was replied to or resolved (by anyone), so queues stay in step.</summary>
    Task EscalationUpdated(EscalationView escalation);

    /// <summary>Widgets: a staff member is typing in this conversation.</summary>
    Task StaffTyping(string conversationId);
}

public sealed record MessageView(string Id, string ConversationId, string Role, string Text, IReadOnlyList<Citation> Citations, DateTimeOffset CreatedAt)
{
    public static MessageView From(Message m) =>
        new(m.Id, m.ConversationId, m.Role.ToString().ToLowerInvariant(), m.Text, m.Citations, m.CreatedAt);
}

/// <param name="Urgency">From the decision's triage; filled by the queue endpoints.</param>
/// <param name="FirstResponseDueAt">When the tenant's first-response target runs out; <paramref name="Overdue"/> once passed with no reply.</param>
public sealed record EscalationView(string Id, string ConversationId, string Status, int Priority, EscalationReason Reason, string? Category,
    string Summary, string? Draft, IReadOnlyList<Citation> Sources, DateTimeOffset CreatedAt, DateTimeOffset? FirstResponseAt, DateTimeOffset? ResolvedAt,
    Urgency? Urgency = null, Sentiment? Sentiment = null, DateTimeOffset? FirstResponseDueAt = null, bool Overdue = false)
{
    public static EscalationView From(Escalation e) =>
        new(e.Id, e.ConversationId, e.Status.ToString().ToLowerInvariant(), (int)e.Priority, e.Reason, e.Category, e.Summary, e.Draft,
            e.Sources, e.CreatedAt, e.FirstResponseAt, e.ResolvedAt);

    /// <summary>The view the queue shows: with the decision's triage signals and the first-response clock.</summary>
    public static EscalationView ForQueue(Escalation e, Urgency? urgency, Sentiment? sentiment, int firstResponseTargetMinutes, DateTimeOffset now)
    {
        var due = e.CreatedAt + TimeSpan.FromMinutes(firstResponseTargetMinutes);
        var overdue = e.Status == EscalationStatus.Open && (e.FirstResponseAt ?? now) > due;
        return From(e) with { Urgency = urgency, Sentiment = sentiment, FirstResponseDueAt = due, Overdue = overdue };
    }
}
