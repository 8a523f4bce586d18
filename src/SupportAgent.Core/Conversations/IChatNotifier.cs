namespace SupportAgent.Core.Conversations;

/// <summary>Pushes live events to connected widgets and staff consoles. The host implements it over SignalR.</summary>
public interface IChatNotifier
{
    Task EscalationCreatedAsync(Escalation escalation, CancellationToken ct);
    Task MessageAddedAsync(Message message, CancellationToken ct);
}

public sealed class NullChatNotifier : IChatNotifier
{
    public Task EscalationCreatedAsync(Escalation escalation, CancellationToken ct) => Task.CompletedTask;
    public Task MessageAddedAsync(Message message, CancellationToken ct) => Task.CompletedTask;
}
