using SupportAgent.Core.Evaluation;

namespace SupportAgent.Tests.Unit.Evaluation;

public sealed class RegressionCheckTests
{
    private static EvaluationReport Report(double hit5, double accuracy, double p95) => new(
        new Dictionary<string, Metric>
        {
            [MetricNames.HitAt5] = new(hit5, 10),
            [MetricNames.DecisionAccuracy] = new(accuracy, 10),
            [MetricNames.CategoryAccuracy] = new(null, 0),
            [MetricNames.LatencyP95Ms] = new(p95, 10),
        }, []);

    [Fact]
    public void APlantedDropBeyondTheToleranceIsReported()
    {
        var regressions = RegressionCheck.Compare(Report(0.80, 0.90, 100), Report(0.70, 0.89, 100), tolerance: 0.02);

        var regression = Assert.Single(regressions);
        Assert.Equal((MetricNames.HitAt5, 0.80, 0.70), (regression.Metric, regression.Baseline, regression.Current));
    }

    [Fact]
    public void ADropWithinTheToleranceOrAnImprovementPasses()
    {
        Assert.Empty(RegressionCheck.Compare(Report(0.80, 0.90, 100), Report(0.79, 0.95, 100), tolerance: 0.02));
    }

    [Fact]
    public void LatencyCountsOnlyWhenALatencyToleranceIsGiven()
    {
        Assert.Empty(RegressionCheck.Compare(Report(0.8, 0.9, 100), Report(0.8, 0.9, 400), tolerance: 0.02));
        Assert.Equal(MetricNames.LatencyP95Ms,
            Assert.Single(RegressionCheck.Compare(Report(0.8, 0.9, 100), Report(0.8, 0.9, 400), tolerance: 0.02, latencyTolerance: 0.5)).Metric);
    }
}
