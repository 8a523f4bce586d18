using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using SupportAgent.Core.Retrieval.Embeddings;

namespace SupportAgent.Tests.Unit.Resilience;

/// <summary>A remote embedding endpoint's passing failures are retried with backoff on the injected clock; lasting ones surface.</summary>
public sealed class EmbeddingResilienceTests
{
    private readonly FakeTimeProvider clock = new();

    /// <summary>An endpoint in memory: each call takes the next scripted failure, then answers.</summary>
    private sealed class Endpoint(params Exception?[] failures) : IEmbeddingGenerator<string, Embedding<float>>
    {
        public int Calls { get; private set; }

        public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null,
            CancellationToken cancellationToken = default)
        {
            var failure = Calls < failures.Length ? failures[Calls] : null;
            Calls++;
            if (failure is TimeoutException) await Task.Delay(Timeout.Infinite, cancellationToken); // a hung connection
            if (failure is not null) throw failure;
            return [.. values.Select(_ => new Embedding<float>(new float[] { 1, 0 }))];
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;
        public void Dispose() { }
    }

    private ResilientEmbeddingGenerator Resilient(Endpoint endpoint) =>
        new(endpoint, ResilientEmbeddingGenerator.Pipeline(new EmbeddingOptions { TimeoutSeconds = 10, MaxRetries = 3, RetryDelayMilliseconds = 500 }, clock));

    [Fact]
    public async Task DroppedConnectionsAndAHungRequestAreRetriedUntilTheEndpointAnswers()
    {
        var endpoint = new Endpoint(new HttpRequestException("connection reset"), new TimeoutException(), new HttpRequestException("502"));

        var call = Resilient(endpoint).GenerateAsync(["gift wrapping", "returns"]);
        var waited = await clock.DriveAsync(call);

        Assert.Equal(2, (await call).Count);
        Assert.Equal(4, endpoint.Calls);
        Assert.True(waited >= TimeSpan.FromSeconds(10), $"the hung attempt was abandoned after {waited} on the clock, before its deadline");
    }

    [Fact]
    public async Task AFailureThatIsNotPassingSurfacesAtOnce()
    {
        var endpoint = new Endpoint(new InvalidOperationException("model 'nope' does not exist"));

        var call = Resilient(endpoint).GenerateAsync(["gift wrapping"]);
        await clock.DriveAsync(call);

        await Assert.ThrowsAsync<InvalidOperationException>(() => call);
        Assert.Equal(1, endpoint.Calls);
    }

    [Fact]
    public async Task AnEndpointThatStaysDownFailsAfterTheConfiguredRetries()
    {
        var endpoint = new Endpoint(Enumerable.Repeat<Exception?>(new HttpRequestException("503"), 10).ToArray());

        var call = Resilient(endpoint).GenerateAsync(["gift wrapping"]);
        await clock.DriveAsync(call);

        await Assert.ThrowsAsync<HttpRequestException>(() => call);
        Assert.Equal(4, endpoint.Calls); // the first attempt and three retries
    }
}
