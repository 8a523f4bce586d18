using SupportAgent.Core.Conversations;

namespace SupportAgent.Server.Conversations;

/// <summary>What the server pushes to hub clients (widgets and staff consoles).</summary>
public interface IChatWidget
{
    /// <summary>A new message in a conversation the client has joined (e.g. a staff reply).</summary>
    Task MessageAdded(MessageView message);

    /// <summary>Staff only: a new escalation in their tenant's queue.</summary>
    Task EscalationCreated(EscalationView escalation);
}

public sealed record MessageView(string Id, string ConversationId, string Role, string Text, IReadOnlyList<Citation> Citations, DateTimeOffset CreatedAt)
{
    public static MessageView From(Message m) =>
        new(m.Id, m.ConversationId, m.Role.ToString().ToLowerInvariant(), m.Text, m.Citations, m.CreatedAt);
}

public sealed record EscalationView(string Id, string ConversationId, string Status, int Priority, string Reason, string? Category,
    string Summary, string? Draft, IReadOnlyList<Citation> Sources, DateTimeOffset CreatedAt, DateTimeOffset? FirstResponseAt, DateTimeOffset? ResolvedAt)
{
    public static EscalationView From(Escalation e) =>
        new(e.Id, e.ConversationId, e.Status.ToString().ToLowerInvariant(), e.Priority, e.Reason, e.Category, e.Summary, e.Draft,
            e.Sources, e.CreatedAt, e.FirstResponseAt, e.ResolvedAt);
}
