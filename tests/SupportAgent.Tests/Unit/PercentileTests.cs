using SupportAgent.Core.Analytics;

namespace SupportAgent.Tests.Unit;

public sealed class PercentileTests
{
    [Fact]
    public void TheMedianOfAnEvenSampleIsTheMeanOfItsMiddlePair() => Assert.Equal(2.5, Percentile.Of([4, 1, 3, 2], 50));

    [Fact]
    public void HighPercentilesInterpolateBetweenClosestRanks() => Assert.Equal(95.05, Percentile.Of(Enumerable.Range(1, 100).Select(i => (double)i), 95)!.Value, 9);

    [Fact]
    public void AnEmptySampleHasNoPercentile() => Assert.Null(Percentile.Of([], 50));
}
