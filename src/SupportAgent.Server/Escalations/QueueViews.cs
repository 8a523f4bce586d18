using Microsoft.EntityFrameworkCore;
using SupportAgent.Core.Conversations;
using SupportAgent.Core.Data;
using SupportAgent.Server.Conversations;

namespace SupportAgent.Server.Escalations;

/// <summary>Escalations as the queue shows them: with the triage signals from their decision and the SLA clock.</summary>
public sealed class QueueViews(SupportDbContext db, TimeProvider clock)
{
    public async Task<List<EscalationView>> ToViewsAsync(string tenantId, IReadOnlyList<Escalation> escalations, CancellationToken ct)
    {
        var decisionIds = escalations.Select(e => e.DecisionId).ToList();
        var signals = await db.Decisions.AsNoTracking().Where(d => decisionIds.Contains(d.Id))
            .Select(d => new { d.Id, d.Urgency, d.Sentiment }).ToDictionaryAsync(d => d.Id, ct);
        var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == tenantId, ct);
        var now = clock.GetUtcNow();
        return [.. escalations.Select(e =>
        {
            signals.TryGetValue(e.DecisionId, out var signal);
            return EscalationView.ForQueue(e, signal?.Urgency, signal?.Sentiment, tenant.Settings.FirstResponseTargetMinutes, now);
        })];
    }

    public async Task<EscalationView> ToViewAsync(Escalation escalation, CancellationToken ct) =>
        (await ToViewsAsync(escalation.TenantId, [escalation], ct))[0];
}
