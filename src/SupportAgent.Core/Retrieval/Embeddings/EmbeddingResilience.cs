using System.ClientModel;
using Microsoft.Extensions.AI;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace SupportAgent.Core.Retrieval.Embeddings;

/// <summary>
/// A remote embedding endpoint's passing trouble (timeouts, 408, 429, 5xx, a dropped connection) retried with
/// exponential backoff and jitter, each attempt under a deadline, on the injected <see cref="TimeProvider"/>. The
/// OpenAI client's own hidden retries are off, so this pipeline is the only one. A 4xx other than 408/429 (a wrong
/// model name or key) fails at once: asking again will not fix it.
/// </summary>
public sealed class ResilientEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, ResiliencePipeline pipeline)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var batch = values as IReadOnlyCollection<string> ?? [.. values]; // each attempt sends the same batch
        return pipeline.ExecuteAsync(async token => await base.GenerateAsync(batch, options, token), cancellationToken).AsTask();
    }

    public static ResiliencePipeline Pipeline(EmbeddingOptions options, TimeProvider clock) =>
        new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(options.RetryDelayMilliseconds),
                MaxDelay = TimeSpan.FromSeconds(30),
            })
            .AddTimeout(TimeSpan.FromSeconds(options.TimeoutSeconds))
            .Build();

    public static bool IsTransient(Exception e) => e switch
    {
        TimeoutRejectedException or HttpRequestException => true,
        ClientResultException { Status: 408 or 429 or >= 500 } => true,
        ClientResultException { Status: 0 } => true, // no response at all
        _ => false,
    };
}
