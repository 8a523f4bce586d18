using System.Diagnostics;
using System.Net;
using SupportAgent.Core.Retrieval;
using SupportAgent.Core.Retrieval.Qdrant;
using SupportAgent.Tests.Fakes;

namespace SupportAgent.Tests.Qdrant;

/// <summary>How QdrantIndex behaves when Qdrant is rate limited, unavailable, slow, down or loses the collection.</summary>
public sealed class QdrantResilienceTests : QdrantTestBase
{
    [Fact]
    public async Task ARateLimitedCallIsRetriedAfterTheServersRetryAfter()
    {
        var index = Index();
        await index.ReplaceDocumentAsync("acme", "faq", [Entry("c1", "Gift wrapping costs 4 euros.")], default);
        Server.FailNext(1, HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromSeconds(1));

        var watch = Stopwatch.StartNew();
        var hits = await Search(index, "gift wrapping");

        Assert.Equal("c1", Assert.Single(hits).Chunk.ChunkId);
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
        Assert.Equal(2, Calls("/points/query"));
    }

    [Fact]
    public async Task AnUnavailableShardIsRetriedWithBackoffUntilItAnswers()
    {
        var index = Index();
        await index.ReplaceDocumentAsync("acme", "faq", [Entry("c1", "Gift wrapping costs 4 euros.")], default);
        Server.FailNext(2, HttpStatusCode.ServiceUnavailable);

        var hits = await Search(index, "gift wrapping");

        Assert.Single(hits);
        Assert.Equal(3, Calls("/points/query"));
    }

    [Fact]
    public async Task LastingUnavailabilityEndsInATransientQdrantExceptionAfterTheConfiguredRetries()
    {
        var index = Index(("SupportAgent:Qdrant:MaxRetries", "2"));
        await index.ReplaceDocumentAsync("acme", "faq", [Entry("c1", "Gift wrapping costs 4 euros.")], default);
        Server.FailNext(10, HttpStatusCode.ServiceUnavailable);

        var error = await Assert.ThrowsAsync<QdrantException>(() => Search(index, "gift wrapping"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.True(error.IsTransient);
        Assert.Contains("Service unavailable", error.Message);
        Assert.Equal(3, Calls("/points/query"));
    }

    [Fact]
    public async Task ASlowQdrantTimesOutQuicklyWithAClearException()
    {
        await Index().ReplaceDocumentAsync("acme", "faq", [Entry("c1", "Gift wrapping costs 4 euros.")], default);
        var impatient = Index(("SupportAgent:Qdrant:TimeoutSeconds", "0.3"));
        Server.Delay = TimeSpan.FromSeconds(3);

        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<QdrantException>(() => Search(impatient, "gift wrapping"));

        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.25), TimeSpan.FromSeconds(2));
        Assert.Null(error.StatusCode);
        Assert.Contains("did not answer", error.Message);
    }

    [Fact]
    public async Task CancellationByTheCallerIsACancellationNotAnOutage()
    {
        var index = Index();
        await index.ReplaceDocumentAsync("acme", "faq", [Entry("c1", "Gift wrapping costs 4 euros.")], default);
        Server.Delay = TimeSpan.FromSeconds(3);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Search(index, "gift wrapping", cts.Token));
    }

    [Fact]
    public async Task AQdrantThatIsDownIsReportedAsUnreachable()
    {
        var index = Index(("SupportAgent:Qdrant:MaxRetries", "1"));
        await Server.StopAsync();

        var error = await Assert.ThrowsAsync<QdrantException>(() => Search(index, "gift wrapping"));

        Assert.Null(error.StatusCode);
        Assert.True(error.IsTransient);
        Assert.Contains("unreachable", error.Message);
    }

    [Fact]
    public async Task ACollectionDroppedBehindTheIndexsBackIsRecreatedOnTheNextCall()
    {
        var index = Index();
        await index.ReplaceDocumentAsync("acme", "faq", [Entry("c1", "Gift wrapping costs 4 euros.")], default);
        Server.Collections.Clear();

        var error = await Assert.ThrowsAsync<QdrantException>(() => Search(index, "gift wrapping"));
        await index.ReplaceDocumentAsync("acme", "faq", [Entry("c1", "Gift wrapping costs 4 euros.")], default);

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Contains("doesn't exist", error.Message);
        Assert.Equal("c1", Assert.Single(await Search(index, "gift wrapping")).Chunk.ChunkId);
    }
}
