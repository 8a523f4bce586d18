using System.Diagnostics;
using SupportAgent.Core.Answering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SupportAgent.Core.Conversations;
using SupportAgent.Core.Data;
using SupportAgent.Core.Generation;

namespace SupportAgent.Core.Evaluation;

/// <summary>
/// Runs evaluation cases through the real message path (triage, retrieval, policy, generation) in throwaway
/// conversations flagged as evaluation, then deletes them, so a run never shows up in analytics or the staff queue.
/// </summary>
public sealed class EvaluationRunner(IServiceScopeFactory scopes, TimeProvider clock)
{
    public async Task<EvaluationReport> RunAsync(string tenantId, IReadOnlyList<EvaluationCase> cases, IProgress<int>? progress, CancellationToken ct) =>
        MetricCalculator.Calculate(await RunCasesAsync(tenantId, cases, progress, ct));

    /// <summary>The per-case outcomes, for callers that score them their own way (the adapter gate).</summary>
    public Task<IReadOnlyList<CaseOutcome>> RunCasesAsync(string tenantId, IReadOnlyList<EvaluationCase> cases, IProgress<int>? progress, CancellationToken ct) =>
        RunCasesAsync(tenantId, cases, RoutePreference.Auto, progress, ct);

    /// <param name="route">The adapter gate pins each run to one side (base or adapter) without fallback.</param>
    public async Task<IReadOnlyList<CaseOutcome>> RunCasesAsync(string tenantId, IReadOnlyList<EvaluationCase> cases, RoutePreference route,
        IProgress<int>? progress, CancellationToken ct)
    {
        var outcomes = new List<CaseOutcome>(cases.Count);
        var conversations = new List<string>(cases.Count);
        try
        {
            foreach (var @case in cases)
            {
                outcomes.Add(await RunCaseAsync(tenantId, @case, route, conversations, ct));
                progress?.Report(outcomes.Count);
            }
        }
        finally
        {
            await CleanUpAsync(conversations);
        }
        await RecordRunAsync(tenantId);
        return outcomes;
    }

    /// <summary>The fine-tuning readiness report asks whether the tenant has an evaluation set; a completed run is the proof.</summary>
    private async Task RecordRunAsync(string tenantId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SupportDbContext>();
        if (await db.Tenants.FirstOrDefaultAsync(t => t.Id == tenantId) is not { } tenant) return;
        tenant.Settings.LastEvaluationAt = clock.GetUtcNow(); // settings are compared as JSON, so in-place changes are saved
        await db.SaveChangesAsync();
    }

    private async Task<CaseOutcome> RunCaseAsync(string tenantId, EvaluationCase @case, RoutePreference route, List<string> conversations, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var chat = scope.ServiceProvider.GetRequiredService<ChatService>();
        var db = scope.ServiceProvider.GetRequiredService<SupportDbContext>();
        var conversation = await chat.StartAsync(tenantId, isEvaluation: true, ct);
        conversations.Add(conversation.Id);
        await ReplayHistoryAsync(db, conversation, @case.History ?? [], ct);

        var started = Stopwatch.GetTimestamp();
        var reply = await chat.HandleAsync(conversation, @case.Question, route, ct);
        var latency = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

        var decision = await db.Decisions.AsNoTracking().FirstAsync(d => d.ReplyMessageId == reply.MessageId, ct);
        var documents = decision.Retrieved.Select(r => r.DocumentId).Distinct().ToList();
        return new CaseOutcome(@case, documents, reply.Decision == DecisionAction.Answered ? "answer" : "escalate", reply.Category, latency,
            [.. reply.Citations.Select(c => c.DocumentId)], decision.Adapter, decision.Fallback, decision.Reason?.Name());
    }

    /// <summary>Earlier turns are stored as they were said, without running the agent on them.</summary>
    private async Task ReplayHistoryAsync(SupportDbContext db, Conversation conversation, IReadOnlyList<HistoryTurn> history, CancellationToken ct)
    {
        if (history.Count == 0) return;
        var start = clock.GetUtcNow().AddMilliseconds(-history.Count - 1);
        db.Messages.AddRange(history.Select((turn, i) => new Message
        {
            Id = Ids.New("m"), TenantId = conversation.TenantId, ConversationId = conversation.Id,
            Role = turn.Role == "user" ? MessageRole.Customer : MessageRole.Assistant, Text = turn.Text, CreatedAt = start.AddMilliseconds(i),
        }));
        await db.SaveChangesAsync(ct);
    }

    private async Task CleanUpAsync(List<string> conversationIds)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SupportDbContext>();
        foreach (var batch in conversationIds.Chunk(500))
        {
            await db.Escalations.Where(e => batch.Contains(e.ConversationId)).ExecuteDeleteAsync();
            await db.Decisions.Where(d => batch.Contains(d.ConversationId)).ExecuteDeleteAsync();
            await db.Messages.Where(m => batch.Contains(m.ConversationId)).ExecuteDeleteAsync();
            await db.Conversations.Where(c => batch.Contains(c.Id)).ExecuteDeleteAsync();
        }
    }
}
