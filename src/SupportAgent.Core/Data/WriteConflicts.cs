using Microsoft.EntityFrameworkCore;
using Polly;
using Polly.Retry;

namespace SupportAgent.Core.Data;

/// <summary>
/// Two first writes of one row at once (the same document uploaded twice, the same thumbs-up clicked twice): both
/// insert, the unique key refuses the loser, and the loser's retry reads the winner's row and updates it. Retried at
/// once and twice at most: the winner's row is already committed, so waiting would only delay the caller.
/// </summary>
public static class WriteConflicts
{
    private static readonly ResiliencePipeline Pipeline = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions { ShouldHandle = new PredicateBuilder().Handle<DbUpdateException>(), MaxRetryAttempts = 2, Delay = TimeSpan.Zero })
        .Build();

    public static async Task<T> RetryAsync<T>(DbContext db, Func<CancellationToken, Task<T>> write, CancellationToken ct)
    {
        var first = true;
        return await Pipeline.ExecuteAsync(async token =>
        {
            if (!first) db.ChangeTracker.Clear(); // the losing insert is still tracked
            first = false;
            return await write(token);
        }, ct);
    }
}
