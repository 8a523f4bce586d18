using Microsoft.AspNetCore.SignalR;
using SupportAgent.Core.Conversations;
using SupportAgent.Server.Escalations;

namespace SupportAgent.Server.Conversations;

/// <summary>
/// Every live event over the chat hub, each in one view shape: messages as <see cref="MessageView"/>, escalations as the
/// queue shows them (<see cref="EscalationView.ForQueue"/>, with triage signals and the first-response clock).
/// </summary>
public sealed class HubChatNotifier(IHubContext<ChatHub, IChatWidget> hub, IServiceScopeFactory scopes, TimeProvider clock) : IChatNotifier
{
    public async Task TurnCompletedAsync(CompletedTurn turn, CancellationToken ct)
    {
        await MessageAddedAsync(turn.Reply, ct);
        if (turn.Escalation is not { } escalation) return;
        // The turn has the decision and the settings in hand: no need to read them back.
        var view = EscalationView.ForQueue(escalation, turn.Decision.Urgency, turn.Decision.Sentiment, turn.Settings.FirstResponseTargetMinutes, clock.GetUtcNow());
        await hub.Clients.Group(ChatHub.StaffGroup(escalation.TenantId)).EscalationCreated(view);
    }

    public Task MessageAddedAsync(Message message, CancellationToken ct) =>
        hub.Clients.Group(ChatHub.ConversationGroup(message.ConversationId)).MessageAdded(MessageView.From(message));

    public async Task EscalationUpdatedAsync(Escalation escalation, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var view = await scope.ServiceProvider.GetRequiredService<QueueViews>().ToViewAsync(escalation, ct);
        await hub.Clients.Group(ChatHub.StaffGroup(escalation.TenantId)).EscalationUpdated(view);
    }
}
