using Microsoft.AspNetCore.SignalR;
using SupportAgent.Core.Conversations;

namespace SupportAgent.Server.Conversations;

public sealed class HubChatNotifier(IHubContext<ChatHub, IChatWidget> hub, TimeProvider clock) : IChatNotifier
{
    public async Task TurnCompletedAsync(CompletedTurn turn, CancellationToken ct)
    {
        await MessageAddedAsync(turn.Reply, ct);
        if (turn.Escalation is not { } escalation) return;
        var view = EscalationView.ForQueue(escalation, turn.Decision.Urgency, turn.Decision.Sentiment, turn.Settings.FirstResponseTargetMinutes, clock.GetUtcNow());
        await hub.Clients.Group(ChatHub.StaffGroup(escalation.TenantId)).EscalationCreated(view);
    }

    public Task MessageAddedAsync(Message message, CancellationToken ct) =>
        hub.Clients.Group(ChatHub.ConversationGroup(message.ConversationId)).MessageAdded(MessageView.From(message));
}
