using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using SupportAgent.Core.Conversations;
using SupportAgent.Core.Data;
using SupportAgent.Core.Triage;

namespace SupportAgent.Core.Handoff;

/// <summary>
/// Approved answers are searched first: a question close enough to one staff already answered gets that reply
/// directly, cited as "approved answer", with its decision recorded like any other. Anything triage says needs a
/// person (sensitive, asks for a human, urgent) still goes down the normal path so it is escalated.
/// </summary>
public sealed class ApprovedAnswerFastPath(SupportDbContext db, ITriage triage, TimeProvider clock)
{
    public const string ModelName = "approved-answer";
    public const string CitationDocumentId = "approved-answer";

    /// <summary>Answers the already-persisted <paramref name="customerMessage"/> from an approved pair, or returns null.</summary>
    public async Task<ChatReply?> TryAnswerAsync(Conversation conversation, Message customerMessage, IReadOnlyList<string> history,
        long startedTimestamp, CancellationToken ct)
    {
        var candidates = await db.ApprovedAnswers.Where(a => a.TenantId == conversation.TenantId).ToListAsync(ct);
        if (candidates.Count == 0) return null;
        var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == conversation.TenantId, ct);
        if (ApprovedAnswerMatcher.Best(customerMessage.Text, candidates, tenant.Settings.ApprovedAnswerThreshold) is not var (approved, score))
            return null;
        var triaged = await triage.TriageAsync(tenant.Id, customerMessage.Text, history, ct);
        if (triaged.Sensitive || triaged.WantsHuman || triaged.ActionRequest || triaged.Urgency == "high") return null;

        var citation = new Citation(CitationDocumentId, "Approved answer", approved.Id, approved.Question);
        var reply = new Message
        {
            Id = Ids.New("m"), TenantId = tenant.Id, ConversationId = conversation.Id, Role = MessageRole.Assistant,
            Text = approved.Answer, Citations = [citation], CreatedAt = clock.GetUtcNow(),
        };
        db.Messages.Add(reply);
        db.Decisions.Add(new Decision
        {
            Id = Ids.New("d"), TenantId = tenant.Id, ConversationId = conversation.Id, MessageId = customerMessage.Id, ReplyMessageId = reply.Id,
            Category = triaged.Category, Urgency = triaged.Urgency, Sentiment = triaged.Sentiment, TopScore = score,
            Action = DecisionAction.Answered, Model = ModelName,
            LatencyMs = (long)Stopwatch.GetElapsedTime(startedTimestamp).TotalMilliseconds, CreatedAt = clock.GetUtcNow(),
        });
        approved.Hits++;
        await db.SaveChangesAsync(CancellationToken.None);
        return new ChatReply(reply.Id, reply.Text, "answered", null, triaged.Category, [citation], null, ModelName);
    }
}
