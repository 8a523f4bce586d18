using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using SupportAgent.Core.Conversations;
using SupportAgent.Core.Tenants;
using SupportAgent.Server.Auth;
using SupportAgent.Server.RateLimiting;

namespace SupportAgent.Server.Conversations;

/// <summary>
/// The live channel. Widgets start conversations and stream replies; staff (staff/admin keys) join their tenant's
/// queue group and any conversation of their tenant. Every call is scoped to the key's tenant, and a widget must also
/// show the conversation's token (issued by <see cref="StartConversation"/>) for everything about that conversation: a
/// widget key is public, so without the token a conversation does not exist for the caller.
/// </summary>
[Authorize]
public sealed partial class ChatHub(ChatService chat, MessageValidation validation, RateLimitGate limits) : Hub<IChatWidget>
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

    public async Task<ConversationsApi.StartResponse> StartConversation(ConversationTokens tokens)
    {
        RequireRole(Roles.Widget);
        RequirePermit(RateLimitCategory.Conversations);
        var conversation = await chat.StartAsync(TenantId, isEvaluation: false, Context.ConnectionAborted);
        var token = await tokens.IssueAsync(Context.User!, TenantId, conversation.Id, Context.ConnectionAborted);
        await Groups.AddToGroupAsync(Context.ConnectionId, ConversationGroup(conversation.Id));
        return new ConversationsApi.StartResponse(conversation.Id, token, validation.MaxLength);
    }

    /// <summary>
    /// Joins a conversation's live updates (a widget resuming after reconnect, with its token; or staff opening it,
    /// who pass no token).
    /// </summary>
    public async Task JoinConversation(string conversationId, string? conversationToken, ConversationTokens tokens)
    {
        _ = await FindAsync(conversationId, conversationToken, tokens);
        await Groups.AddToGroupAsync(Context.ConnectionId, ConversationGroup(conversationId));
    }

    public async IAsyncEnumerable<ChatStreamItem> SendMessage(
        string conversationId, string conversationToken, string text, ConversationTokens tokens, [EnumeratorCancellation] CancellationToken ct)
    {
        RequireRole(Roles.Widget);
        if (validation.Problem(text) is { } problem) throw new HubException(problem);
        // Read with its tenant: the turn needs both, and one read is cheaper than two on every message.
        var found = (MayReach(conversationId, conversationToken, tokens)
                ? await chat.FindWithTenantAsync(TenantId, conversationId, Context.ConnectionAborted) : null)
            ?? throw new HubException($"Conversation '{conversationId}' does not exist.");
        RequirePermit(RateLimitCategory.Messages);
        await Groups.AddToGroupAsync(Context.ConnectionId, ConversationGroup(found.Conversation.Id), ct);
        await foreach (var item in chat.StreamAsync(found, text.Trim(), ct))
            yield return item.Reply is { } reply ? ChatStreamItem.Done(reply) : ChatStreamItem.Token(item.Text!);
    }

    /// <summary>The tenant's conversation; for a widget only with its token (a wrong one reads exactly like an unknown id).</summary>
    private async Task<Conversation> FindAsync(string conversationId, string? conversationToken, ConversationTokens tokens) =>
        (MayReach(conversationId, conversationToken, tokens) ? await chat.FindAsync(TenantId, conversationId, Context.ConnectionAborted) : null)
            ?? throw new HubException($"Conversation '{conversationId}' does not exist.");

    /// <summary>Staff and admins reach every conversation of their tenant; a widget only the one its token names.</summary>
    private bool MayReach(string conversationId, string? conversationToken, ConversationTokens tokens) =>
        Role is Roles.Staff or Roles.Admin || tokens.IsValid(Context.User!, TenantId, conversationId, conversationToken, Context.Items);

    /// <summary>Staff-only calls: staff reach every conversation of their tenant without a token.</summary>
    private async Task<Conversation> FindForStaffAsync(string conversationId) =>
        await chat.FindAsync(TenantId, conversationId, Context.ConnectionAborted)
        ?? throw new HubException($"Conversation '{conversationId}' does not exist.");

    /// <summary>The same budgets as the REST endpoints: a socket is no way around them.</summary>
    private void RequirePermit(RateLimitCategory category)
    {
        using var lease = limits.Acquire(category, Context.GetHttpContext(), TenantId);
        if (!lease.IsAcquired)
            throw new HubException($"Too many requests from this client or for this tenant; retry after {Math.Ceiling(RateLimitGate.RetryAfter(lease).TotalSeconds)} s.");
    }

    private void RequireRole(string role)
    {
        if (Role != role) throw new HubException($"Only a {role} key can do this.");
    }
}
