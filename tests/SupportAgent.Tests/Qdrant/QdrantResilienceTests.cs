using Grpc.Core;
using Microsoft.Extensions.Time.Testing;
using SupportAgent.Core.Retrieval;
using SupportAgent.Core.Retrieval.Qdrant;

namespace SupportAgent.Tests.Qdrant;

/// <summary>
/// How QdrantIndex behaves when Qdrant is rate limited, unavailable, slow, down or loses the collection. Retries
/// wait on a FakeTimeProvider that the test moves by hand, so what is asserted is how long the index chose to wait.
/// </summary>
public sealed class QdrantResilienceTests : QdrantTestBase
{
    private readonly FakeTimeProvider clock = new();

    /// <summary>Moves the fake clock in small steps until the call is done; returns how far it had to move.</summary>
    private async Task<(T Result, TimeSpan Waited)> DriveAsync<T>(Task<T> call)
    {
        var start = clock.GetUtcNow();
        var step = TimeSpan.FromMilliseconds(100);
        for (var i = 0; !call.IsCompleted && i < 5_000; i++)
        {
            clock.Advance(step);
            await Task.WhenAny(call, Task.Delay(20));
        }
        return (await call, clock.GetUtcNow() - start);
    }

    private async Task<QdrantIndex> IndexWithChunkAsync(params (string, string?)[] settings)
    {
        // DriveAsync moves the clock faster than real time: a generous deadline keeps a slow machine from reaching it.
        var index = Index(clock, [("SupportAgent:Qdrant:TimeoutSeconds", "600"), .. settings]);
        await index.ReplaceDocumentAsync("acme", "faq", [Entry("c1", "Gift wrapping costs 4 euros.")], default);
        return index;
    }

    [Fact]
    public async Task ARateLimitedCallIsRetriedAfterTheRetryAfterQdrantSentAndNotBefore()
    {
        var index = await IndexWithChunkAsync();
        Server.FailNext(1, StatusCode.ResourceExhausted, retryAfter: TimeSpan.FromSeconds(3));

        var (hits, waited) = await DriveAsync(Search(index, "gift wrapping"));

        Assert.Equal("c1", Assert.Single(hits).Chunk.ChunkId);
        Assert.Equal(2, Calls("Query"));
        Assert.True(waited >= TimeSpan.FromSeconds(3), $"retried after {waited} on the clock");
    }

    [Fact]
    public async Task AServerRetryAfterIsCappedByTheConfiguredMaximumDelay()
    {
        var index = await IndexWithChunkAsync(("SupportAgent:Qdrant:MaxRetryDelaySeconds", "1"));
        Server.FailNext(1, StatusCode.ResourceExhausted, retryAfter: TimeSpan.FromMinutes(10));

        var (hits, waited) = await DriveAsync(Search(index, "gift wrapping"));

        Assert.Single(hits);
        Assert.InRange(waited, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData(StatusCode.Unavailable)]
    [InlineData(StatusCode.DeadlineExceeded)]
    [InlineData(StatusCode.Aborted)]
    public async Task ATransientFailureIsRetriedWithBackoffUntilQdrantAnswers(StatusCode code)
    {
        var index = await IndexWithChunkAsync(("SupportAgent:Qdrant:RetryDelayMilliseconds", "500"));
        Server.FailNext(2, code);

        var (hits, waited) = await DriveAsync(Search(index, "gift wrapping"));

        Assert.Single(hits);
        Assert.Equal(3, Calls("Query"));
        Assert.True(waited > TimeSpan.Zero, "the retries waited on the clock");
    }

    [Fact]
    public async Task LastingUnavailabilityEndsInATransientQdrantExceptionAfterTheConfiguredRetries()
    {
        var index = await IndexWithChunkAsync(("SupportAgent:Qdrant:MaxRetries", "2"));
        Server.FailNext(10, StatusCode.Unavailable);

        var error = await Assert.ThrowsAsync<QdrantException>(async () => await DriveAsync(Search(index, "gift wrapping")));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.True(error.IsTransient);
        Assert.Contains("Shard temporarily unavailable", error.Message);
        Assert.Equal(3, Calls("Query"));
    }

    [Fact]
    public async Task AFullDiskIsNotRetriedAlthoughItSharesTheRateLimitsStatus()
    {
        var index = await IndexWithChunkAsync();
        Server.FailNext(1, StatusCode.ResourceExhausted, insufficientStorage: true);

        var error = await Assert.ThrowsAsync<QdrantException>(() => index.ReplaceDocumentAsync("acme", "faq", [Entry("c2", "Cards are free.")], default));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("Insufficient storage", error.Message);
        Assert.Equal(2, Calls("Upsert"));
    }

    /// <summary>Waits (real time, briefly) until the server holds <paramref name="count"/> calls of <paramref name="method"/>.</summary>
    private async Task ArrivedAsync(string method, int count)
    {
        for (var i = 0; Calls(method) < count && i < 400; i++) await Task.Delay(25);
        Assert.Equal(count, Calls(method));
    }

    [Fact]
    public async Task ASlowQdrantIsCutOffAtTheCallsDeadlineOnTheInjectedClockWithAClearException()
    {
        var index = await IndexWithChunkAsync(("SupportAgent:Qdrant:TimeoutSeconds", "2"), ("SupportAgent:Qdrant:MaxRetries", "0"));
        (Server.Delay, Server.DelayOnly) = (TimeSpan.FromMinutes(5), "Query");

        var search = Search(index, "gift wrapping");
        await ArrivedAsync("Query", 1);
        clock.Advance(TimeSpan.FromSeconds(1.9));
        Assert.False(search.IsCompleted, "cut off before its deadline");
        clock.Advance(TimeSpan.FromSeconds(0.1));
        var error = await Assert.ThrowsAsync<QdrantException>(() => search);

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.True(error.IsTransient);
        Assert.Contains("did not answer the query within its 2 s deadline", error.Message);
        Assert.Equal(1, await Server.CutOffAsync(1)); // Qdrant hears the call was abandoned and stops working on it
    }

    [Fact]
    public async Task AnAttemptCutOffAtItsDeadlineIsRetriedWithAFreshDeadline()
    {
        var index = await IndexWithChunkAsync(("SupportAgent:Qdrant:TimeoutSeconds", "2"), ("SupportAgent:Qdrant:MaxRetries", "1"),
            ("SupportAgent:Qdrant:RetryDelayMilliseconds", "0"));
        (Server.Delay, Server.DelayOnly) = (TimeSpan.FromMinutes(5), "Query");

        var search = Search(index, "gift wrapping");
        await ArrivedAsync("Query", 1);
        clock.Advance(TimeSpan.FromSeconds(2));
        await ArrivedAsync("Query", 2);
        clock.Advance(TimeSpan.FromSeconds(1.9));
        Assert.False(search.IsCompleted, "the retry inherited the first attempt's deadline");
        clock.Advance(TimeSpan.FromSeconds(0.1));

        var error = await Assert.ThrowsAsync<QdrantException>(() => search);
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Equal(2, await Server.CutOffAsync(2));
    }

    [Theory]
    [InlineData("Upsert")]
    [InlineData("Scroll")]
    [InlineData("Count")]
    [InlineData("Delete")]
    public async Task EveryKindOfCallHasTheConfiguredDeadline(string method)
    {
        var index = await IndexWithChunkAsync(("SupportAgent:Qdrant:TimeoutSeconds", "30"), ("SupportAgent:Qdrant:MaxRetries", "0"));
        var before = Calls(method);
        (Server.Delay, Server.DelayOnly) = (TimeSpan.FromMinutes(5), method);

        Task call = method switch
        {
            "Upsert" => index.ReplaceDocumentAsync("acme", "faq", [Entry("c2", "Cards are free.")], default),
            "Scroll" => index.ChunkIdsAsync("acme", "faq", default),
            "Count" => index.CountAsync("acme", null, default),
            _ => index.DeleteDocumentAsync("acme", "faq", default),
        };
        await ArrivedAsync(method, before + 1);
        clock.Advance(TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAsync<QdrantException>(() => call);
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task CancellationByTheCallerIsACancellationNotAnOutage()
    {
        var index = await IndexWithChunkAsync();
        var before = Calls("Query");
        (Server.Delay, Server.DelayOnly) = (TimeSpan.FromMinutes(5), "Query");
        using var cts = new CancellationTokenSource();

        var search = Search(index, "gift wrapping", cts.Token);
        // Cancelled once the query is with the server (not on a timer, which a busy machine can beat the call to).
        await ArrivedAsync("Query", before + 1);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => search);
        Assert.Equal(before + 1, Calls("Query"));
    }

    [Fact]
    public async Task AQdrantThatIsDownIsReportedAsUnreachableAfterItsRetries()
    {
        var index = Index(clock, ("SupportAgent:Qdrant:MaxRetries", "1"));
        await Server.StopAsync();

        var error = await Assert.ThrowsAsync<QdrantException>(async () => await DriveAsync(Search(index, "gift wrapping")));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.True(error.IsTransient);
        Assert.Contains("unreachable", error.Message);
    }

    [Fact]
    public async Task ACollectionDroppedBehindTheIndexsBackIsRecreatedOnTheNextCall()
    {
        var index = await IndexWithChunkAsync();
        Server.Collections.Clear();

        var error = await Assert.ThrowsAsync<QdrantException>(() => Search(index, "gift wrapping"));
        await index.ReplaceDocumentAsync("acme", "faq", [Entry("c1", "Gift wrapping costs 4 euros.")], default);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Contains("Collection `test_test-bag-of-words_64` doesn't exist!", error.Message);
        Assert.Equal("c1", Assert.Single(await Search(index, "gift wrapping")).Chunk.ChunkId);
        Assert.Equal(2, Calls("Create"));
    }
}
