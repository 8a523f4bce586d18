using System.ClientModel;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Polly;
using Polly.Retry;

namespace SupportAgent.Core.Generation;

/// <summary>
/// The chat model's resilience, as Polly pipelines on the injected <see cref="TimeProvider"/> (so tests move time
/// instead of waiting for it). An answer attempt has <see cref="LlmOptions.TimeoutSeconds"/>; a failed attempt is
/// retried once after <see cref="LlmOptions.RetryBackoffMs"/> on timeout, 429, 5xx or malformed output, unless text
/// was already shown to the customer (a retry could only contradict it). Condensation gets a short budget and no
/// retry: the lexical condenser is the fallback, and the customer is waiting.
/// </summary>
public static class LlmResilience
{
    /// <summary>Set by an attempt once it has shown text; the retry reads it.</summary>
    public static readonly ResiliencePropertyKey<bool> Shown = new("supportagent.llm.shown");

    public static readonly TimeSpan CondensationBudget = TimeSpan.FromSeconds(5);

    public static ResiliencePipeline Answers(LlmOptions options, TimeProvider clock, ILogger log) =>
        new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = 1,
                BackoffType = DelayBackoffType.Constant,
                Delay = TimeSpan.FromMilliseconds(options.RetryBackoffMs),
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && IsRetryable(e)
                    && !args.Context.Properties.GetValue(Shown, false) && !args.Context.CancellationToken.IsCancellationRequested),
                OnRetry = args =>
                {
                    log.LogWarning(args.Outcome.Exception, "Chat model attempt {Attempt} failed; retrying in {Delay} ms", args.AttemptNumber + 1,
                        (int)args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            })
            .AddTimeout(TimeSpan.FromSeconds(options.TimeoutSeconds))
            .Build();

    public static ResiliencePipeline Condensation(TimeProvider clock) =>
        new ResiliencePipelineBuilder { TimeProvider = clock }.AddTimeout(CondensationBudget).Build();

    /// <summary>Timeouts, throttling, server errors and garbled responses are worth one more try; a 400/401/403/404 is not.</summary>
    public static bool IsRetryable(Exception e) => e switch
    {
        ClientResultException { Status: 400 or 401 or 403 or 404 } => false,
        HttpOperationException { StatusCode: HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound } => false,
        _ => true,
    };
}
