using Microsoft.AspNetCore.SignalR;
using SupportAgent.Core.Conversations;

namespace SupportAgent.Server.Conversations;

public sealed class HubChatNotifier(IHubContext<ChatHub, IChatWidget> hub) : IChatNotifier
{
    public Task EscalationCreatedAsync(Escalation escalation, CancellationToken ct) =>
        hub.Clients.Group(ChatHub.StaffGroup(escalation.TenantId)).EscalationCreated(EscalationView.From(escalation));

    public Task MessageAddedAsync(Message message, CancellationToken ct) =>
        hub.Clients.Group(ChatHub.ConversationGroup(message.ConversationId)).MessageAdded(MessageView.From(message));
}
