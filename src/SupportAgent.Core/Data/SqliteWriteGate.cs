using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SupportAgent.Core.Data;

/// <summary>
/// SQLite takes one writer at a time. When two saves collide, Microsoft.Data.Sqlite retries the loser by putting its
/// thread to sleep (150 ms a try), so under chat load most of a turn's latency was thread-pool threads asleep waiting
/// for each other's commits. Saves of one process therefore queue here, asynchronously, per database file: a save
/// waits without holding a thread and starts the moment the previous commit ends. Saves inside an explicit
/// transaction are not gated (their transaction already holds the write lock, and waiting here while holding it
/// could block the save in front of them).
/// </summary>
internal sealed class SqliteWriteGate(string database) : SaveChangesInterceptor
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>Contexts currently holding the gate (a context saves once at a time, so a set is enough).</summary>
    private readonly ConcurrentDictionary<DbContext, byte> holders = new(ReferenceEqualityComparer.Instance);

    private SemaphoreSlim Gate => Gates.GetOrAdd(database, _ => new SemaphoreSlim(1, 1));

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (Gated(eventData.Context)) Gate.Wait();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken ct = default)
    {
        if (Gated(eventData.Context))
        {
            try { await Gate.WaitAsync(ct); }
            catch { holders.TryRemove(eventData.Context!, out _); throw; }
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Release(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        Release(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Release(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken ct = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Release(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken ct = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    private bool Gated(DbContext? context) =>
        context is not null && context.Database.CurrentTransaction is null && holders.TryAdd(context, 0);

    private void Release(DbContext? context)
    {
        if (context is not null && holders.TryRemove(context, out _)) Gate.Release();
    }
}
