using Microsoft.EntityFrameworkCore;
using SupportAgent.Core.Conversations;
using SupportAgent.Core.Data;
using SupportAgent.Core.Outcomes;

namespace SupportAgent.Core.Handoff;

/// <summary>Stores verdicts on assistant messages, from customers (thumbs) and staff (correct/incorrect).</summary>
public sealed class FeedbackService(SupportDbContext db, TimeProvider clock)
{
    /// <summary>Records the verdict; refused when the message is not an assistant message of that tenant's conversation.</summary>
    public async Task<Outcome<Feedback>> RecordAsync(string tenantId, string conversationId, string messageId, FeedbackSource source, bool helpful, CancellationToken ct)
    {
        var isAnswer = await db.Messages.AnyAsync(m => m.Id == messageId && m.TenantId == tenantId
            && m.ConversationId == conversationId && m.Role == MessageRole.Assistant, ct);
        if (!isAnswer) return Refusal.NotFound($"Message '{messageId}' is not an answer in conversation '{conversationId}' of tenant '{tenantId}'.");
        // One verdict per message and source (a unique key): two first clicks at once both insert, and the loser
        // finds the winner's row on its second try and overwrites it, instead of answering 500.
        return await WriteConflicts.RetryAsync(db, token => UpsertAsync(tenantId, conversationId, messageId, source, helpful, token), ct);
    }

    private async Task<Feedback> UpsertAsync(string tenantId, string conversationId, string messageId, FeedbackSource source, bool helpful, CancellationToken ct)
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
        return feedback;
    }
}
