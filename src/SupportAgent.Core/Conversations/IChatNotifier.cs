using SupportAgent.Core.Tenants;

namespace SupportAgent.Core.Conversations;

/// <summary>
/// Pushes live events to connected widgets and staff consoles: the one way anything is announced live (the turn, the
/// handoff actions, whichever entry point they came through). The host implements it over SignalR.
/// </summary>
public interface IChatNotifier
{
    /// <summary>A customer turn finished: its reply for everyone watching the conversation, its escalation (if any) for the staff queue.</summary>
    Task TurnCompletedAsync(CompletedTurn turn, CancellationToken ct);

    Task MessageAddedAsync(Message message, CancellationToken ct);

    /// <summary>Staff replied to or resolved an escalation: every staff queue of the tenant shows the change.</summary>
    Task EscalationUpdatedAsync(Escalation escalation, CancellationToken ct);
}

/// <param name="Settings">The tenant's settings at the time (the queue shows the first-response deadline from them).</param>
public sealed record CompletedTurn(Message Reply, Decision Decision, Escalation? Escalation, TenantSettings Settings);

public sealed class NullChatNotifier : IChatNotifier
{
    public Task TurnCompletedAsync(CompletedTurn turn, CancellationToken ct) => Task.CompletedTask;
    public Task MessageAddedAsync(Message message, CancellationToken ct) => Task.CompletedTask;
    public Task EscalationUpdatedAsync(Escalation escalation, CancellationToken ct) => Task.CompletedTask;
}
