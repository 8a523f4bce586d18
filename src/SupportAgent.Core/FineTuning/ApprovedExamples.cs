using Microsoft.EntityFrameworkCore;
using SupportAgent.Core.Conversations;
using SupportAgent.Core.Data;

namespace SupportAgent.Core.FineTuning;

/// <summary>
/// The staff-approved data: escalations that staff resolved with a reply. The reply is what staff stood behind,
/// so it is the target; the question and retrieved passages are the prompt. When staff saved the pair as an approved
/// answer, that curated (possibly edited) question and answer win over the raw turns. Evaluation runs are never included.
/// </summary>
public sealed class ApprovedExamples(SupportDbContext db)
{
    public async Task<IReadOnlyList<ApprovedExample>> LoadAsync(string tenantId, CancellationToken ct)
    {
        var resolved = await (
            from e in db.Escalations.AsNoTracking()
            join c in db.Conversations on e.ConversationId equals c.Id
            join d in db.Decisions on e.DecisionId equals d.Id
            join q in db.Messages on d.MessageId equals q.Id
            where e.TenantId == tenantId && e.Status == EscalationStatus.Resolved && !c.IsEvaluation
            select new { Escalation = e, Question = q.Text }).ToListAsync(ct);
        if (resolved.Count == 0) return [];

        var conversationIds = resolved.Select(r => r.Escalation.ConversationId).Distinct().ToList();
        var staffReplies = (await db.Messages.AsNoTracking()
                .Where(m => m.TenantId == tenantId && m.Role == MessageRole.Staff && conversationIds.Contains(m.ConversationId))
                .ToListAsync(ct))
            .ToLookup(m => m.ConversationId);
        var escalationIds = resolved.Select(r => r.Escalation.Id).ToList();
        var curated = (await db.ApprovedAnswers.AsNoTracking()
                .Where(a => a.TenantId == tenantId && a.EscalationId != null && escalationIds.Contains(a.EscalationId))
                .ToListAsync(ct))
            .GroupBy(a => a.EscalationId!).ToDictionary(g => g.Key, g => g.OrderByDescending(a => a.UpdatedAt).First());
        var documentChanged = (await db.Documents.AsNoTracking().Where(d => d.TenantId == tenantId)
                .Select(d => new { d.Id, d.UpdatedAt }).ToListAsync(ct))
            .ToDictionary(d => d.Id, d => d.UpdatedAt);

        var examples = new List<ApprovedExample>();
        foreach (var r in resolved.OrderBy(r => r.Escalation.CreatedAt))
        {
            var e = r.Escalation;
            var resolvedAt = e.ResolvedAt ?? DateTimeOffset.MaxValue;
            var replies = staffReplies[e.ConversationId]
                .Where(m => m.CreatedAt >= e.CreatedAt && m.CreatedAt <= resolvedAt).OrderBy(m => m.CreatedAt).Select(m => m.Text.Trim()).ToList();
            if (replies.Count == 0 || replies.All(string.IsNullOrEmpty)) continue; // resolved without a reply: nothing was approved
            var stable = e.Sources.All(s => !documentChanged.TryGetValue(s.DocumentId, out var changed) || changed <= resolvedAt);
            var (question, answer) = curated.TryGetValue(e.Id, out var approved)
                ? (approved.Question, approved.Answer)
                : (r.Question, string.Join("\n\n", replies));
            examples.Add(new ApprovedExample(e.Id, question, answer, e.Sources, stable, e.ResolvedAt ?? e.CreatedAt));
        }
        return examples;
    }
}
