using Microsoft.Extensions.Time.Testing;
using SupportAgent.Core.Knowledge.Ingestion;

namespace SupportAgent.Tests.Unit.Resilience;

/// <summary>The persisted wait before a failed document is indexed again: from the injected clock, growing, jittered, capped.</summary>
public sealed class IngestionBackoffTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly IngestionOptions options = new() { RetryDelay = TimeSpan.FromSeconds(5), MaxRetryDelay = TimeSpan.FromMinutes(10) };

    private TimeSpan Delay(int failures) => IngestionBackoff.NextAttempt(failures, options, clock) - clock.GetUtcNow();

    [Fact]
    public void TheNextAttemptIsCountedFromTheInjectedClockNotTheWallClock()
    {
        clock.Advance(TimeSpan.FromDays(400));

        var next = IngestionBackoff.NextAttempt(1, options, clock);

        Assert.InRange(next, clock.GetUtcNow(), clock.GetUtcNow() + options.MaxRetryDelay);
    }

    [Fact]
    public void LaterFailuresWaitLongerOnAverage()
    {
        double Mean(int failures) => Enumerable.Range(0, 200).Average(_ => Delay(failures).TotalSeconds);

        var first = Mean(1);
        var fourth = Mean(4);

        Assert.InRange(first, 1, 15); // around the configured 5 s
        Assert.True(fourth > 3 * first, $"the fourth failure waited {fourth:0.0} s on average, the first {first:0.0} s");
    }

    [Fact]
    public void DocumentsThatFailedTogetherDoNotAllComeBackAtOnce()
    {
        var delays = Enumerable.Range(0, 20).Select(_ => Delay(2)).ToHashSet();

        Assert.True(delays.Count > 10, "the delays are jittered");
    }

    [Theory]
    [InlineData(12)]
    [InlineData(1_000)]
    public void NoWaitExceedsTheConfiguredMaximum(int failures)
    {
        Assert.Equal(options.MaxRetryDelay, Delay(failures));
    }
}
