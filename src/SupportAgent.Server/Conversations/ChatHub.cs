using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using SupportAgent.Core.Conversations;
using SupportAgent.Core.Tenants;
using SupportAgent.Server.Auth;

namespace SupportAgent.Server.Conversations;

/// <summary>
/// The live channel. Widgets start conversations and stream replies; staff (staff/admin keys) join their tenant's
/// queue group and any conversation of their tenant. Every call is scoped to the key's tenant.
/// </summary>
[Authorize]
public sealed partial class ChatHub(ChatService chat, MessageValidation validation) : Hub<IChatWidget>
{
    public static string ConversationGroup(string conversationId) => $"conversation:{conversationId}";
    public static string StaffGroup(string tenantId) => $"staff:{tenantId}";

    private string TenantId => Context.User!.FindFirst(SupportClaims.Tenant)?.Value ?? throw new HubException("This key has no tenant.");
    private string Role => Context.User!.FindFirst(SupportClaims.Role)?.Value ?? "";

    public override async Task OnConnectedAsync()
    {
        if (Role is Roles.Staff or Roles.Admin)
            await Groups.AddToGroupAsync(Context.ConnectionId, StaffGroup(TenantId));
        await base.OnConnectedAsync();
    }

    public async Task<string> StartConversation()
    {
        RequireRole(Roles.Widget);
        var conversation = await chat.StartAsync(TenantId, isEvaluation: false, Context.ConnectionAborted);
        await Groups.AddToGroupAsync(Context.ConnectionId, ConversationGroup(conversation.Id));
        return conversation.Id;
    }

    /// <summary>Joins a conversation's live updates (a widget resuming after reconnect, or staff opening it).</summary>
    public async Task JoinConversation(string conversationId)
    {
        _ = await FindAsync(conversationId);
        await Groups.AddToGroupAsync(Context.ConnectionId, ConversationGroup(conversationId));
    }

    public async IAsyncEnumerable<ChatStreamItem> SendMessage(string conversationId, string text, [EnumeratorCancellation] CancellationToken ct)
    {
        RequireRole(Roles.Widget);
        if (validation.Problem(text) is { } problem) throw new HubException(problem);
        var conversation = await FindAsync(conversationId);
        await Groups.AddToGroupAsync(Context.ConnectionId, ConversationGroup(conversation.Id), ct);
        await foreach (var item in chat.StreamAsync(conversation, text.Trim(), ct))
            yield return item.Reply is { } reply ? ChatStreamItem.Done(reply) : ChatStreamItem.Token(item.Text!);
    }

    private async Task<Conversation> FindAsync(string conversationId) =>
        await chat.FindAsync(TenantId, conversationId, Context.ConnectionAborted)
        ?? throw new HubException($"Conversation '{conversationId}' does not exist.");

    private void RequireRole(string role)
    {
        if (Role != role) throw new HubException($"Only a {role} key can do this.");
    }
}
