using SupportAgent.Core.Answering;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SupportAgent.Core.Conversations;
using SupportAgent.Core.Data;
using SupportAgent.Core.Handoff;
using SupportAgent.Core.Triage;
using SupportAgent.Server.Auth;
using SupportAgent.Server.Conversations;

namespace SupportAgent.Server.Escalations;

/// <summary>Everything staff need to pick an escalation up: the whole conversation and the audit record of the decision.</summary>
public static class EscalationTranscript
{
    public sealed record DecisionView(string Id, string MessageId, string? Category, Urgency? Urgency, Sentiment? Sentiment, double TopScore,
        string Action, EscalationReason? Reason, IReadOnlyList<EscalationReason> Reasons, string Model, string? Adapter, long LatencyMs, DateTimeOffset CreatedAt);
    public sealed record TranscriptResponse(EscalationView Escalation, IReadOnlyList<MessageView> Messages, DecisionView? Decision, bool? AgentAnswerCorrect);

    public static async Task<Results<Ok<TranscriptResponse>, ProblemHttpResult>> GetAsync(
        string id, CurrentTenant tenant, SupportDbContext db, QueueViews views, CancellationToken ct)
    {
        var escalation = await db.Escalations.AsNoTracking().FirstOrDefaultAsync(e => e.TenantId == tenant.Id && e.Id == id, ct);
        if (escalation is null) return TypedResults.Problem(statusCode: 404, detail: $"Escalation '{id}' does not exist in tenant '{tenant.Id}'.");
        var messages = await db.Messages.AsNoTracking().Where(m => m.ConversationId == escalation.ConversationId)
            .OrderBy(m => m.CreatedAt).Take(500).ToListAsync(ct);
        var decision = await db.Decisions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == escalation.DecisionId, ct);
        var verdict = decision?.ReplyMessageId is { } replyId
            ? await db.Feedback.AsNoTracking().Where(f => f.MessageId == replyId && f.Source == FeedbackSource.Staff).Select(f => (bool?)f.Helpful).FirstOrDefaultAsync(ct)
            : null;
        return TypedResults.Ok(new TranscriptResponse(await views.ToViewAsync(escalation, ct), [.. messages.Select(MessageView.From)],
            decision is null ? null : new DecisionView(decision.Id, decision.MessageId, decision.Category, decision.Urgency, decision.Sentiment,
                decision.TopScore, decision.Action.ToString().ToLowerInvariant(), decision.Reason, decision.Reasons, decision.Model, decision.Adapter,
                decision.LatencyMs, decision.CreatedAt),
            verdict));
    }

    /// <summary>Finds the assistant message that answered the escalated turn (what staff judge as correct or not).</summary>
    public sealed class Lookup(SupportDbContext db)
    {
        public Task<string?> AgentReplyIdAsync(Escalation escalation, CancellationToken ct) =>
            db.Decisions.AsNoTracking().Where(d => d.Id == escalation.DecisionId).Select(d => d.ReplyMessageId).FirstOrDefaultAsync(ct);
    }
}
