using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SupportAgent.Core.Retrieval.Qdrant;

/// <summary>
/// Per-attempt timeout, and retries with exponential backoff on 429 (honouring <c>Retry-After</c>), 503 (a shard or
/// replica is briefly unavailable) and refused connections. Other statuses pass through untouched: a 4xx will not
/// get better by asking again. A timed-out attempt is not retried: a slow Qdrant should cost one timeout, not several.
/// </summary>
public sealed class QdrantRetryHandler(IOptionsMonitor<QdrantOptions> options, TimeProvider clock, ILogger<QdrantRetryHandler> log)
    : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var o = options.CurrentValue;
        for (var attempt = 0; ; attempt++)
        {
            using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            attemptTimeout.CancelAfter(o.Timeout);
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, attemptTimeout.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException($"no answer within {o.TimeoutSeconds:0.###} s");
            }
            catch (HttpRequestException e) when (attempt < o.MaxRetries)
            {
                await WaitAsync(request, attempt, null, e.Message, o, ct);
                continue;
            }
            if (attempt >= o.MaxRetries || response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable))
                return response;
            var (status, retryAfter) = ((int)response.StatusCode, response.Headers.RetryAfter);
            var serverDelay = retryAfter?.Delta ?? (retryAfter?.Date is { } at ? at - clock.GetUtcNow() : null);
            response.Dispose();
            await WaitAsync(request, attempt, serverDelay, $"status {status}", o, ct);
        }
    }

    private Task WaitAsync(HttpRequestMessage request, int attempt, TimeSpan? serverDelay, string why, QdrantOptions o, CancellationToken ct)
    {
        var backoff = TimeSpan.FromMilliseconds(o.RetryDelayMilliseconds * Math.Pow(2, attempt) * (0.8 + 0.4 * Random.Shared.NextDouble()));
        var delay = serverDelay is { } d && d > TimeSpan.Zero ? d : backoff;
        delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds, o.MaxRetryDelaySeconds));
        log.LogWarning("Qdrant {Method} {Path} failed ({Why}); retry {Attempt} of {Max} in {Delay} ms",
            request.Method, request.RequestUri?.AbsolutePath, why, attempt + 1, o.MaxRetries, (int)delay.TotalMilliseconds);
        return Task.Delay(delay, clock, ct);
    }
}
