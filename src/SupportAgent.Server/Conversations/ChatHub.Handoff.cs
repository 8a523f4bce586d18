using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using SupportAgent.Core.Data;
using SupportAgent.Core.Handoff;
using SupportAgent.Core.Tenants;
using SupportAgent.Server.Auth;

namespace SupportAgent.Server.Conversations;

/// <summary>The hub's handoff side: restoring a conversation, thumbs up/down, and staff typing.</summary>
public sealed partial class ChatHub
{
    /// <summary>The conversation so far, so a widget restores it after a reload or a dropped connection.</summary>
    public async Task<IReadOnlyList<MessageView>> History(string conversationId, string? conversationToken, SupportDbContext db, ConversationTokens tokens)
    {
        var conversation = await FindAsync(conversationId, conversationToken, tokens);
        var messages = await db.Messages.AsNoTracking().Where(m => m.ConversationId == conversation.Id)
            .OrderBy(m => m.CreatedAt).Take(200).ToListAsync(Context.ConnectionAborted);
        return [.. messages.Select(MessageView.From)];
    }

    public async Task SendFeedback(string conversationId, string conversationToken, string messageId, bool helpful, FeedbackService feedback, ConversationTokens tokens)
    {
        RequireRole(Roles.Widget);
        _ = await FindAsync(conversationId, conversationToken, tokens);
        if ((await feedback.RecordAsync(TenantId, conversationId, messageId, FeedbackSource.Customer, helpful, Context.ConnectionAborted)).Refusal is { } refusal)
            throw new HubException(refusal.Detail);
    }

    /// <summary>Staff typing in the console shows a typing indicator in the customer's widget.</summary>
    public async Task Typing(string conversationId)
    {
        if (Role is not (Roles.Staff or Roles.Admin)) throw new HubException("Only staff can signal typing.");
        var conversation = await FindForStaffAsync(conversationId);
        await Clients.OthersInGroup(ConversationGroup(conversation.Id)).StaffTyping(conversation.Id);
    }
}
