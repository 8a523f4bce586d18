using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using SupportAgent.Core.Answering;
using SupportAgent.Core.Data;
using SupportAgent.Core.Observability;

namespace SupportAgent.Core.Conversations.Turns;

/// <summary>
/// Closes a turn, whatever its outcome: the reply, the decision and any escalation (with its draft) are written in
/// one save, the decision is recorded in telemetry, and one event announces the turn live (never for evaluation turns).
/// </summary>
public sealed class TurnRecorder(SupportDbContext db, TurnWrites writes, IChatNotifier notifier, ChatTelemetry telemetry, TimeProvider clock)
{
    public async Task<ChatReply> RecordAsync(TurnContext turn, Activity? span)
    {
        var outcome = turn.Outcome;
        var reason = outcome.Reason;
        var escalated = outcome.Escalated;
        var replyText = !escalated ? outcome.Answer!.Text
            : reason == EscalationReason.Sensitive ? CustomerMessages.SensitiveHandoff
            : reason == EscalationReason.GenerationFailed ? CustomerMessages.HoldingReply
            : CustomerMessages.Handoff;
        var citations = escalated ? [] : outcome.Answer!.Citations;
        var now = clock.GetUtcNow();
        var reply = new Message
        {
            Id = Ids.New("m"), TenantId = turn.Tenant.Id, ConversationId = turn.Conversation.Id, Role = MessageRole.Assistant,
            Text = replyText, Citations = [.. citations], CreatedAt = now,
        };
        var decision = NewDecision(turn, reply, now);
        List<object> inserted = [reply, decision];
        // One open escalation per conversation: a later escalated message joins it instead of queueing the customer again.
        var joined = escalated && !turn.IsEvaluation ? await OpenEscalationAsync(turn) : null;
        var escalation = joined ?? (escalated ? TurnEscalation.New(turn, decision, now) : null);
        if (escalation is not null && joined is null) inserted.Add(escalation);
        await writes.InsertAsync(db, inserted, CancellationToken.None); // the customer already waited for this; finish the write
        // Counted in the database, not on the cached answer: concurrent hits must all count.
        if (!escalated && outcome.Approved is { } approved && outcome.Answer!.Model == ApprovedAnswers.ModelName && !turn.IsEvaluation)
            await db.ApprovedAnswers.Where(a => a.Id == approved.Answer.Id && a.TenantId == turn.Tenant.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Hits, a => a.Hits + 1), CancellationToken.None);
        telemetry.Decided(span, decision);

        if (!turn.IsEvaluation) await notifier.TurnCompletedAsync(new CompletedTurn(reply, decision, joined is null ? escalation : null, turn.Settings), CancellationToken.None);
        return new ChatReply(reply.Id, replyText, escalated ? DecisionAction.Escalated : DecisionAction.Answered, reason, outcome.Triage.Category,
            citations, escalation?.Id, decision.Model);
    }

    private Task<Escalation?> OpenEscalationAsync(TurnContext turn) => TurnQueries.OpenEscalation(db, turn.Tenant.Id, turn.Conversation.Id);

    private static Decision NewDecision(TurnContext turn, Message reply, DateTimeOffset now)
    {
        var outcome = turn.Outcome;
        var triaged = outcome.Triage;
        var answer = outcome.Answer;
        return new Decision
        {
            Id = Ids.New("d"), TenantId = turn.Tenant.Id, ConversationId = turn.Conversation.Id, MessageId = turn.CustomerMessage.Id,
            ReplyMessageId = reply.Id, Category = triaged.Category, CategoryConfidence = triaged.CategoryConfidence,
            OutOfScope = triaged.OutOfScope, Urgency = triaged.Urgency, Sentiment = triaged.Sentiment, TopScore = outcome.TopScore,
            Action = outcome.Escalated ? DecisionAction.Escalated : DecisionAction.Answered, Reason = outcome.Reason, Reasons = [.. outcome.Reasons],
            Retrieved = [.. outcome.Retrieval.Passages.Select(p => new RetrievedSource(p.Chunk.DocumentId, p.Chunk.ChunkId, p.Score, p.Confidence))],
            Model = answer?.Model ?? outcome.FailedModel ?? ExtractiveAnswerer.ModelName, Adapter = answer?.Adapter,
            Fallback = answer?.Fallback ?? false, Tokens = answer?.Tokens ?? 0,
            LatencyMs = (long)Stopwatch.GetElapsedTime(turn.StartedAt).TotalMilliseconds, CreatedAt = now,
        };
    }
}
