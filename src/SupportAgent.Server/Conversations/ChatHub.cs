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
        var reply = await chat.HandleAsync(conversation, text.Trim(), ct);
        foreach (var token in Tokens(reply.Reply)) yield return ChatStreamItem.Token(token);
        yield return ChatStreamItem.Done(reply);
    }

    private async Task<Conversation> FindAsync(string conversationId) =>
        await chat.FindAsync(TenantId, conversationId, Context.ConnectionAborted)
        ?? throw new HubException($"Conversation '{conversationId}' does not exist.");

    private void RequireRole(string role)
    {
        if (Role != role) throw new HubException($"Only a {role} key can do this.");
    }

    /// <summary>Word-sized deltas keep the widget's rendering smooth without a message per character.</summary>
    private static IEnumerable<string> Tokens(string text)
    {
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || (char.IsWhiteSpace(text[i]) && !char.IsWhiteSpace(text[i - 1])))
            {
                yield return text[start..i];
                start = i;
            }
        }
    }
}
