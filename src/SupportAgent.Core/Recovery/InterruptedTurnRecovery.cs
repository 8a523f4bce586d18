using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportAgent.Core.Conversations;
using SupportAgent.Core.Data;

namespace SupportAgent.Core.Recovery;

/// <summary>
/// After a crash: every customer message that was stored but never got a decision (the process died mid-turn) is run
/// through the turn again, so it is answered or escalated, never left without a reply; and evaluation conversations a
/// crashed run left behind are deleted, so they never reach the queue or analytics.
/// </summary>
public sealed class InterruptedTurnRecovery(IServiceScopeFactory scopes, IOptions<RecoveryOptions> options, TimeProvider clock,
    ILogger<InterruptedTurnRecovery> log) : BackgroundService
{
    private const int Batch = 100;

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        await Task.Yield(); // never hold up the server's start
        try
        {
            await EvaluationSweep.DeleteAbandonedAsync(scopes, clock.GetUtcNow() - options.Value.AbandonedEvaluationAge, log, ct);
            await RecoverAsync(ct);
            // Messages stored just before the crash were too young for the first pass; once they are old enough, one more.
            if (options.Value.InterruptedTurnMinAge > TimeSpan.Zero)
            {
                await Task.Delay(options.Value.InterruptedTurnMinAge, clock, ct);
                await RecoverAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    /// <summary>Runs the turn of every interrupted message, oldest first; one that fails again is left for the next start.</summary>
    public async Task<int> RecoverAsync(CancellationToken ct)
    {
        var failed = new HashSet<string>(StringComparer.Ordinal);
        var recovered = 0;
        while (true)
        {
            var pending = await PendingAsync(failed, ct);
            if (pending.Count == 0) return recovered;
            foreach (var (message, conversation) in pending)
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var reply = await scope.ServiceProvider.GetRequiredService<ChatService>().ResumeAsync(conversation, message, ct);
                    recovered++;
                    log.LogWarning("Interrupted message {Message} of conversation {Conversation} recovered: {Decision}", message.Id, conversation.Id, reply.Decision);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    failed.Add(message.Id);
                    log.LogError(e, "Interrupted message {Message} could not be recovered; it is tried again at the next start", message.Id);
                }
            }
        }
    }

    private async Task<List<(Message, Conversation)>> PendingAsync(HashSet<string> failed, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SupportDbContext>();
        var cutoff = clock.GetUtcNow() - options.Value.InterruptedTurnMinAge;
        var skip = failed.ToList();
        var rows = await db.Messages.AsNoTracking()
            .Where(m => m.Role == MessageRole.Customer && m.CreatedAt <= cutoff && !skip.Contains(m.Id)
                && !db.Decisions.Any(d => d.MessageId == m.Id))
            .Join(db.Conversations.AsNoTracking().Where(c => !c.IsEvaluation), m => m.ConversationId, c => c.Id, (m, c) => new { m, c })
            .OrderBy(x => x.m.CreatedAt).Take(Batch).ToListAsync(ct);
        return [.. rows.Select(x => (x.m, x.c))];
    }
}
