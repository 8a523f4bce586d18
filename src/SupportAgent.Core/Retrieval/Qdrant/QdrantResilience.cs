using System.Globalization;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace SupportAgent.Core.Retrieval.Qdrant;

/// <summary>
/// Deadlines and retries of Qdrant calls, as one Polly pipeline on the injected <see cref="TimeProvider"/>: every
/// attempt has <see cref="QdrantOptions.TimeoutSeconds"/> (the deadline the client sends on the wire runs on the wall
/// clock, so it is only Qdrant's backstop: see <see cref="QdrantConnection"/>), and passing trouble is retried with exponential backoff and
/// jitter. Passing trouble: an attempt past its deadline (each retry gets a fresh one), and the statuses Qdrant uses
/// for it. <c>Unavailable</c>: unreachable, or a shard/replica briefly down. <c>DeadlineExceeded</c>: Qdrant's own
/// timeout of the operation. <c>ResourceExhausted</c>:
/// rate limited, with Qdrant's <c>retry-after</c> seconds in the trailers, unless it carries Qdrant's
/// insufficient-storage marker, which waiting does not cure. <c>Aborted</c>: a conflicting concurrent operation.
/// Anything else (INVALID_ARGUMENT, NOT_FOUND, UNAUTHENTICATED…) will not get better by asking again.
/// </summary>
public static class QdrantResilience
{
    private const string RetryAfter = "retry-after", InsufficientStorage = "qdrant-insufficient-storage";

    public static bool IsTransient(StatusCode code) =>
        code is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted or StatusCode.Aborted;

    public static bool IsTransient(RpcException e) => IsTransient(e.StatusCode) && e.Trailers.Get(InsufficientStorage) is null;

    public static ResiliencePipeline Build(QdrantOptions o, TimeProvider clock, ILogger log)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = clock };
        if (o.MaxRetries > 0) builder.AddRetry(Retry(o, log));
        // Inside the retry, so the deadline is per attempt. Cancelling the attempt cancels the gRPC call, which tells
        // Qdrant to stop working on an answer nobody waits for.
        return builder.AddTimeout(o.Timeout).Build();
    }

    private static RetryStrategyOptions Retry(QdrantOptions o, ILogger log)
    {
        var maxDelay = TimeSpan.FromSeconds(o.MaxRetryDelaySeconds);
        return new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<RpcException>(IsTransient).Handle<TimeoutRejectedException>(),
            MaxRetryAttempts = o.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(o.RetryDelayMilliseconds),
            MaxDelay = maxDelay,
            // Qdrant says how long a rate limit lasts; asking earlier only burns an attempt.
            DelayGenerator = args => ValueTask.FromResult(ServerDelay(args.Outcome.Exception) is { } d ? (TimeSpan?)(d < maxDelay ? d : maxDelay) : null),
            OnRetry = args =>
            {
                var (status, detail) = args.Outcome.Exception is RpcException e
                    ? (e.StatusCode, e.Status.Detail) : (StatusCode.DeadlineExceeded, $"no answer within {o.TimeoutSeconds:0.###} s");
                log.LogWarning("Qdrant call failed with {Status} ({Detail}); retry {Attempt} of {Max} in {Delay} ms",
                    status, detail, args.AttemptNumber + 1, o.MaxRetries, (int)args.RetryDelay.TotalMilliseconds);
                return default;
            },
        };
    }

    private static TimeSpan? ServerDelay(Exception? e) =>
        e is RpcException { StatusCode: StatusCode.ResourceExhausted } rpc
        && double.TryParse(rpc.Trailers.GetValue(RetryAfter), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds) : null;
}
