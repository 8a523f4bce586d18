using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SupportAgent.Core.Data;

namespace SupportAgent.Core.Recovery;

/// <summary>
/// An evaluation run deletes its throwaway conversations when it ends; a run cut short by a crash cannot, so the next
/// start deletes evaluation conversations older than any run lasts (younger ones may belong to a run on another replica).
/// </summary>
public static class EvaluationSweep
{
    public static async Task<int> DeleteAbandonedAsync(IServiceScopeFactory scopes, DateTimeOffset olderThan, ILogger log, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SupportDbContext>();
        var total = 0;
        while (true)
        {
            var batch = await db.Conversations.Where(c => c.IsEvaluation && c.CreatedAt < olderThan).Select(c => c.Id).Take(500).ToListAsync(ct);
            if (batch.Count == 0) break;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Feedback.Where(x => batch.Contains(x.ConversationId)).ExecuteDeleteAsync(ct);
            await db.Escalations.Where(x => batch.Contains(x.ConversationId)).ExecuteDeleteAsync(ct);
            await db.Decisions.Where(x => batch.Contains(x.ConversationId)).ExecuteDeleteAsync(ct);
            await db.Messages.Where(x => batch.Contains(x.ConversationId)).ExecuteDeleteAsync(ct);
            await db.Conversations.Where(x => batch.Contains(x.Id)).ExecuteDeleteAsync(ct);
            await tx.CommitAsync(ct);
            total += batch.Count;
        }
        if (total > 0) log.LogWarning("Deleted {Count} evaluation conversations left by interrupted runs", total);
        return total;
    }
}
