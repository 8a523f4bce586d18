using SupportAgent.Core.Evaluation;

namespace SupportAgent.Tests.Unit.Evaluation;

/// <summary>Every metric checked against numbers worked out by hand for four cases.</summary>
public sealed class MetricCalculatorTests
{
    // a: gold d1 ranked 2nd; answered, expected answer; category billing (right)
    // b: gold d3, d4; retrieved d4 first, d3 not at all; escalated, expected answer; category shipping, expected billing
    // c: gold d9 not retrieved; answered, expected escalate; category shipping (right)
    // d: no gold sources; escalated, expected escalate; no expected category
    private static readonly CaseOutcome[] Outcomes =
    [
        new(new("a", "q", ExpectedSources: ["d1"], ExpectedDecision: "answer", ExpectedCategory: "billing"), ["d2", "d1", "d5"], "answer", "billing", 10, CitedDocuments: ["d1"]),
        new(new("b", "q", ExpectedSources: ["d3", "d4"], ExpectedDecision: "answer", ExpectedCategory: "billing"), ["d4", "d6"], "escalate", "shipping", 30),
        new(new("c", "q", ExpectedSources: ["d9"], ExpectedDecision: "escalate", ExpectedCategory: "shipping"), ["d1", "d2", "d3", "d4", "d5", "d9"], "answer", "shipping", 20),
        new(new("d", "q", ExpectedDecision: "escalate"), [], "escalate", "other", 40),
    ];

    private static readonly EvaluationReport Report = MetricCalculator.Calculate(Outcomes);

    [Theory]
    [InlineData(MetricNames.HitAt1, 1.0 / 3, 3)]         // only b has its gold first
    [InlineData(MetricNames.HitAt5, 2.0 / 3, 3)]         // a and b; c's gold is 6th
    [InlineData(MetricNames.RecallAt5, (1 + 0.5 + 0) / 3, 3)]
    [InlineData(MetricNames.Mrr, (0.5 + 1 + 1.0 / 6) / 3, 3)]
    [InlineData(MetricNames.DecisionAccuracy, 2.0 / 4, 4)]      // a and d right
    [InlineData(MetricNames.AutoAnswerPrecision, 1.0 / 2, 2)]   // answered a (right) and c (wrong)
    [InlineData(MetricNames.EscalationRecall, 1.0 / 2, 2)]      // c missed, d caught
    [InlineData(MetricNames.DecidedRight, 2.0 / 4, 4)]          // a answered from its gold, d escalated
    [InlineData(MetricNames.CategoryAccuracy, 2.0 / 3, 3)]
    [InlineData(MetricNames.LatencyP50Ms, 20, 4)]
    [InlineData(MetricNames.LatencyP95Ms, 40, 4)]
    public void EachMetricMatchesTheHandComputedValue(string metric, double expected, int count)
    {
        Assert.Equal(expected, Report.Metrics[metric].Value!.Value, 9);
        Assert.Equal(count, Report.Metrics[metric].Count);
    }

    [Fact]
    public void MacroF1AveragesPerClassF1OverExpectedAndPredictedClasses()
    {
        // billing: tp 1 (a), fn 1 (b) → F1 = 2/3; shipping: tp 1 (c), fp 1 (b) → F1 = 2/3
        Assert.Equal(2.0 / 3, Report.Metrics[MetricNames.CategoryMacroF1].Value!.Value, 9);
    }

    [Fact]
    public void EveryFailedCaseIsListedWithWhatWasExpectedAndWhatHappened()
    {
        var failures = Report.Failures.Select(f => $"{f.Id}:{f.Metric}").Order();

        Assert.Equal(["b:categoryAccuracy", "b:decisionAccuracy", "c:decisionAccuracy", "c:hitAt5"], failures);
        var miss = Report.Failures.Single(f => f.Id == "c" && f.Metric == MetricNames.HitAt5);
        Assert.Equal("d9", miss.Expected);
        Assert.Equal("d1, d2, d3, d4, d5", miss.Actual);
    }

    [Fact]
    public void AnAnswerQuotingTheWrongArticleIsARightDecisionButNotDecidedRight()
    {
        var report = MetricCalculator.Calculate([new(new("w", "q", ExpectedSources: ["d1"], ExpectedDecision: "answer"), ["d2", "d1"], "answer", null, 5, CitedDocuments: ["d2"])]);

        Assert.Equal(1, report.Metrics[MetricNames.DecisionAccuracy].Value);
        Assert.Equal(0, report.Metrics[MetricNames.DecidedRight].Value);
        var failure = Assert.Single(report.Failures, f => f.Metric == MetricNames.DecidedRight);
        Assert.Equal(("d1", "d2"), (failure.Expected, failure.Actual));
    }

    [Fact]
    public void AWrongEscalationSaysWhyTheAgentEscalated()
    {
        var report = MetricCalculator.Calculate([new(new("e", "q", ExpectedSources: ["d1"], ExpectedDecision: "answer"), ["d1"], "escalate", null, 5, Reason: "low_confidence")]);

        var failure = Assert.Single(report.Failures, f => f.Metric == MetricNames.DecisionAccuracy);
        Assert.Equal(("answer", "escalate (low_confidence)"), (failure.Expected, failure.Actual));
    }

    [Fact]
    public void AMetricWithNoApplicableCaseIsNull()
    {
        var report = MetricCalculator.Calculate([new(new("x", "q"), [], "answer", null, 5)]);

        Assert.Null(report.Metrics[MetricNames.HitAt1].Value);
        Assert.Equal(0, report.Metrics[MetricNames.HitAt1].Count);
        Assert.Null(report.Metrics[MetricNames.CategoryMacroF1].Value);
        Assert.Equal(5, report.Metrics[MetricNames.LatencyP50Ms].Value);
    }
}
