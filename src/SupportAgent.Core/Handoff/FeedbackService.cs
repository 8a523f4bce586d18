using Microsoft.EntityFrameworkCore;
using SupportAgent.Core.Conversations;
using SupportAgent.Core.Data;

namespace SupportAgent.Core.Handoff;

/// <summary>Stores verdicts on assistant messages, from customers (thumbs) and staff (correct/incorrect).</summary>
public sealed class FeedbackService(SupportDbContext db, TimeProvider clock)
{
    /// <summary>Records the verdict; false when the message is not an assistant message of that tenant's conversation.</summary>
    public async Task<bool> RecordAsync(string tenantId, string conversationId, string messageId, FeedbackSource source, bool helpful, CancellationToken ct)
    {
        var isAnswer = await db.Messages.AnyAsync(m => m.Id == messageId && m.TenantId == tenantId
            && m.ConversationId == conversationId && m.Role == MessageRole.Assistant, ct);
        if (!isAnswer) return false;
        // One verdict per message and source (a unique key): two first clicks at once both insert, and the loser
        // finds the winner's row on its second try and overwrites it, instead of answering 500.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await UpsertAsync(tenantId, conversationId, messageId, source, helpful, ct);
                return true;
            }
            catch (DbUpdateException) when (attempt < 3) { db.ChangeTracker.Clear(); }
        }
    }

    private async Task UpsertAsync(string tenantId, string conversationId, string messageId, FeedbackSource source, bool helpful, CancellationToken ct)
    {
        var feedback = await db.Feedback.FirstOrDefaultAsync(f => f.MessageId == messageId && f.Source == source, ct);
        if (feedback is null)
        {
            feedback = new Feedback { Id = Ids.New("f"), TenantId = tenantId, ConversationId = conversationId, MessageId = messageId, Source = source };
            db.Feedback.Add(feedback);
        }
        feedback.Helpful = helpful;
        feedback.CreatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }
}
