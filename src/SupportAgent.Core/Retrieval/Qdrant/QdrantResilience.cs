using System.Globalization;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace SupportAgent.Core.Retrieval.Qdrant;

/// <summary>
/// Retries of Qdrant calls: exponential backoff with jitter on the injected <see cref="TimeProvider"/>, for the
/// statuses Qdrant uses for passing trouble. <c>Unavailable</c>: unreachable, or a shard/replica briefly down.
/// <c>DeadlineExceeded</c>: the attempt's deadline passed (each retry gets a fresh one). <c>ResourceExhausted</c>:
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
        if (o.MaxRetries == 0) return builder.Build();
        var maxDelay = TimeSpan.FromSeconds(o.MaxRetryDelaySeconds);
        return builder.AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<RpcException>(IsTransient),
            MaxRetryAttempts = o.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(o.RetryDelayMilliseconds),
            MaxDelay = maxDelay,
            // Qdrant says how long a rate limit lasts; asking earlier only burns an attempt.
            DelayGenerator = args => ValueTask.FromResult(ServerDelay(args.Outcome.Exception) is { } d ? (TimeSpan?)(d < maxDelay ? d : maxDelay) : null),
            OnRetry = args =>
            {
                var e = (RpcException)args.Outcome.Exception!;
                log.LogWarning("Qdrant call failed with {Status} ({Detail}); retry {Attempt} of {Max} in {Delay} ms",
                    e.StatusCode, e.Status.Detail, args.AttemptNumber + 1, o.MaxRetries, (int)args.RetryDelay.TotalMilliseconds);
                return default;
            },
        }).Build();
    }

    private static TimeSpan? ServerDelay(Exception? e) =>
        e is RpcException { StatusCode: StatusCode.ResourceExhausted } rpc
        && double.TryParse(rpc.Trailers.GetValue(RetryAfter), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds) : null;
}
