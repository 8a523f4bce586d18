using Polly.Contrib.WaitAndRetry;

namespace SupportAgent.Core.Knowledge.Ingestion;

/// <summary>
/// When a document that failed for a passing reason (index or embedder unavailable) is tried again. The wait is
/// persisted as the document's next attempt time rather than awaited, so the retry survives a restart and any
/// replica can take it; its length is Polly's exponential backoff with decorrelated jitter (the same shape as the
/// in-process retries), so documents that failed together do not all come back at the same moment.
/// </summary>
public static class IngestionBackoff
{
    /// <summary>Past this many failures the delay has long reached its cap; the series is not computed further.</summary>
    private const int Longest = 30;

    /// <summary>The time of the next attempt after the <paramref name="failures"/>-th failure in a row, on <paramref name="clock"/>.</summary>
    public static DateTimeOffset NextAttempt(int failures, IngestionOptions options, TimeProvider clock)
    {
        var delay = Backoff.DecorrelatedJitterBackoffV2(options.RetryDelay, Math.Clamp(failures, 1, Longest)).Last();
        return clock.GetUtcNow() + (delay < options.MaxRetryDelay ? delay : options.MaxRetryDelay);
    }
}
