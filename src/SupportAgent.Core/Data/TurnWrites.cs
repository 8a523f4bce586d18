using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SupportAgent.Core.Hosting;

namespace SupportAgent.Core.Data;

/// <summary>
/// Group commit for the rows of customer turns on SQLite. SQLite takes one writer at a time, so under chat load the
/// turns' inserts queue at the write gate and each pays for its own transaction: a context, a connection, BEGIN, the
/// batch and COMMIT. Here the inserts that queued while the previous commit ran are written together, in one save and
/// one transaction, by one writer. Each turn still proceeds only once its own rows are committed (its task completes
/// after the commit), so a customer's message is as durable as before when the turn goes on. If the shared save fails,
/// each turn's rows are saved again on their own: one turn's bad row fails that turn only, never another's message.
/// PostgreSQL takes concurrent writers, so there (and for a context with other pending changes) rows are saved
/// through the caller's context as before.
/// </summary>
public sealed class TurnWrites(IServiceScopeFactory scopes, IOptions<DatabaseOptions> database) : IAsyncDisposable
{
    /// <summary>Enough turns per commit to take the queue a 200-widget load builds; a bound keeps one commit short.</summary>
    private const int MaxTurnsPerCommit = 64;

    private readonly Channel<PendingRows> queue = Channel.CreateUnbounded<PendingRows>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock starting = new();
    private Task? writer;

    /// <summary>Inserts <paramref name="rows"/> (new entities, not tracked by any context) and completes once they are committed.</summary>
    /// <remarks>Once queued, the write is not cancelled with <paramref name="ct"/>: a message being written is kept.</remarks>
    public Task InsertAsync(SupportDbContext db, IReadOnlyList<object> rows, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (database.Value.Provider == DatabaseProviders.Sqlite && !db.ChangeTracker.HasChanges())
        {
            var pending = new PendingRows(rows);
            EnsureWriter();
            if (queue.Writer.TryWrite(pending)) return pending.Committed.Task;
        }
        return db.InsertAsync(rows, ct); // the host is stopping, or the rows cannot be grouped
    }

    /// <summary>
    /// The writer has a thread of its own: SQLite's calls are synchronous anyway, and a writer waiting in the thread
    /// pool's queue behind the turns it has just released let the next group grow and come back in one burst (a wider
    /// gap between median and tail latency).
    /// </summary>
    private void EnsureWriter()
    {
        if (writer is not null) return;
        lock (starting) writer ??= Task.Factory.StartNew(WriteLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private void WriteLoop()
    {
        var group = new List<PendingRows>(MaxTurnsPerCommit);
        while (queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (group.Count < MaxTurnsPerCommit && queue.Reader.TryRead(out var pending)) group.Add(pending);
            WriteAsync(group).GetAwaiter().GetResult();
            group.Clear();
        }
    }

    /// <summary>Writes the rows of several turns in one save; if that fails, each turn's rows on their own.</summary>
    internal async Task WriteAsync(IReadOnlyList<PendingRows> group)
    {
        try
        {
            await SaveAsync(group.SelectMany(p => p.Rows));
            foreach (var pending in group) pending.Committed.TrySetResult();
            return;
        }
        catch (Exception e) when (group.Count == 1)
        {
            group[0].Committed.TrySetException(e);
            return;
        }
        catch (Exception)
        {
            // One turn's rows may be at fault (a conversation deleted meanwhile, a duplicate id): the transaction rolled
            // back as a whole, so save each turn on its own and fail only the turns whose own rows fail.
        }
        foreach (var pending in group)
        {
            try
            {
                await SaveAsync(pending.Rows);
                pending.Committed.TrySetResult();
            }
            catch (Exception e)
            {
                pending.Committed.TrySetException(e);
            }
        }
    }

    private async Task SaveAsync(IEnumerable<object> rows)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SupportDbContext>();
        // The context is fresh and holds only these new rows, unchanged since they were added: looking for changes
        // before the save would only compare each row with itself (for JSON columns, by serialising both).
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try { await db.InsertAsync(rows, CancellationToken.None); }
        finally { db.ChangeTracker.AutoDetectChangesEnabled = true; } // the pooled context goes back as it came
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        if (writer is { } running) await running; // what was queued is written before the host stops
    }

    /// <summary>One turn's rows and the task its turn waits on; continuations run off the writer.</summary>
    internal sealed class PendingRows(IReadOnlyList<object> rows)
    {
        public IReadOnlyList<object> Rows { get; } = rows;
        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
