using Microsoft.EntityFrameworkCore;
using SupportAgent.Core.Conversations;
using SupportAgent.Core.Data;
using SupportAgent.Core.Outcomes;

namespace SupportAgent.Core.Handoff;

/// <summary>What staff do with an escalation: reply (pushed live to the customer), resolve (optionally teaching an approved answer).</summary>
public sealed class HandoffService(SupportDbContext db, IChatNotifier notifier, ApprovedAnswerCache approvedAnswers, TimeProvider clock)
{
    public Task<Escalation?> FindAsync(string tenantId, string escalationId, CancellationToken ct) =>
        db.Escalations.FirstOrDefaultAsync(e => e.TenantId == tenantId && e.Id == escalationId, ct);

    public async Task<Outcome<Message>> ReplyAsync(string tenantId, string escalationId, string text, string? author, CancellationToken ct)
    {
        if (await FindAsync(tenantId, escalationId, ct) is not { } escalation)
            return Refusal.NotFound($"Escalation '{escalationId}' does not exist in tenant '{tenantId}'.");
        var now = clock.GetUtcNow();
        var message = new Message
        {
            Id = Ids.New("m"), TenantId = tenantId, ConversationId = escalation.ConversationId, Role = MessageRole.Staff,
            Text = text, Author = author, CreatedAt = now,
        };
        db.Messages.Add(message);
        escalation.FirstResponseAt ??= now; // the SLA clock stops at the first reply, not at resolution
        await db.SaveChangesAsync(ct);
        await notifier.MessageAddedAsync(message, CancellationToken.None);
        await notifier.EscalationUpdatedAsync(escalation, CancellationToken.None);
        return message;
    }

    /// <summary>
    /// Resolves the escalation. With <paramref name="saveAsApproved"/>, the customer's question and the staff reply
    /// (or <paramref name="answer"/> when given) become an approved pair that answers the next such question directly.
    /// </summary>
    public async Task<Outcome<ResolvedEscalation>> ResolveAsync(string tenantId, string escalationId, bool saveAsApproved,
        string? question, string? answer, CancellationToken ct)
    {
        if (await FindAsync(tenantId, escalationId, ct) is not { } escalation)
            return Refusal.NotFound($"Escalation '{escalationId}' does not exist in tenant '{tenantId}'.");
        if (escalation.Status == EscalationStatus.Resolved)
            return Refusal.Conflict($"Escalation '{escalationId}' is already resolved.");

        ApprovedAnswer? approved = null;
        if (saveAsApproved)
        {
            question = string.IsNullOrWhiteSpace(question) ? await CustomerQuestionAsync(escalation, ct) : question.Trim();
            answer = string.IsNullOrWhiteSpace(answer) ? await LatestStaffReplyAsync(escalation, ct) : answer.Trim();
            if (string.IsNullOrWhiteSpace(question))
                return Refusal.Invalid("There is no customer question to save; pass 'question'.");
            if (string.IsNullOrWhiteSpace(answer))
                return Refusal.Invalid("Reply to the customer before saving an approved answer, or pass 'answer'.");
            approved = ApprovedAnswerStore.New(tenantId, question, answer, escalation.Id, clock.GetUtcNow());
        }
        // Resolve only if still open, in one statement: of two staff resolving (and saving) at once exactly one wins,
        // and only the winner's approved answer is stored; the other gets the conflict, not a duplicate.
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var won = await db.Escalations
            .Where(e => e.TenantId == tenantId && e.Id == escalationId && e.Status != EscalationStatus.Resolved)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EscalationStatus.Resolved).SetProperty(e => e.ResolvedAt, now), ct);
        if (won == 0) return Refusal.Conflict($"Escalation '{escalationId}' is already resolved.");
        if (approved is not null) db.ApprovedAnswers.Add(approved);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        // The row was changed by the statement above, not through the tracked copy: detach it, then show what is stored.
        db.Entry(escalation).State = EntityState.Detached;
        (escalation.Status, escalation.ResolvedAt) = (EscalationStatus.Resolved, now);
        if (approved is not null) approvedAnswers.Invalidate(tenantId);
        await notifier.EscalationUpdatedAsync(escalation, CancellationToken.None);
        return new ResolvedEscalation(escalation, approved);
    }

    private async Task<string?> CustomerQuestionAsync(Escalation escalation, CancellationToken ct)
    {
        var decision = await db.Decisions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == escalation.DecisionId, ct);
        return decision is null ? null
            : await db.Messages.AsNoTracking().Where(m => m.Id == decision.MessageId).Select(m => m.Text).FirstOrDefaultAsync(ct);
    }

    private Task<string?> LatestStaffReplyAsync(Escalation escalation, CancellationToken ct) =>
        db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == escalation.ConversationId && m.Role == MessageRole.Staff && m.CreatedAt >= escalation.CreatedAt)
            .OrderByDescending(m => m.CreatedAt).Select(m => m.Text).FirstOrDefaultAsync(ct);
}

public sealed record ResolvedEscalation(Escalation Escalation, ApprovedAnswer? Approved);
