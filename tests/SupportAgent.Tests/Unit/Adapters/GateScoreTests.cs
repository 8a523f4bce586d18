using SupportAgent.Core.Adapters;
using SupportAgent.Core.Evaluation;

namespace SupportAgent.Tests.Unit.Adapters;

public sealed class GateScoreTests
{
    private static readonly EvaluationCase Answerable = new("a", "q", ExpectedSources: ["doc-a"], ExpectedDecision: "answer");
    private static readonly EvaluationCase Escalate = new("e", "q", ExpectedDecision: "escalate");

    private static CaseOutcome Answered(EvaluationCase c, string cited, string? adapter = null, bool fallback = false) =>
        new(c, [cited], "answer", null, 1, [cited], adapter, fallback);

    private static CaseOutcome Escalated(EvaluationCase c) => new(c, [], "escalate", null, 1, []);

    [Fact]
    public void AnAnswerTheBaseModelWroteInsteadOfTheFailingAdapterCountsAgainstTheAdapter()
    {
        var score = GateScore.Of([Answered(Answerable, "doc-a", adapter: null, fallback: true), Escalated(Escalate)], adapter: "acme-tone");

        Assert.Equal(0.5, score.DecisionAccuracy);
        Assert.Equal(0.0, score.CitationValidity);
        Assert.Equal(1, score.Failures);
    }

    [Fact]
    public void CitingADocumentOutsideTheExpectedSourcesIsNotAValidCitation()
    {
        var score = GateScore.Of([Answered(Answerable, "doc-b", "acme-tone")], adapter: "acme-tone");

        Assert.Equal(1.0, score.DecisionAccuracy);
        Assert.Equal(0.0, score.CitationValidity);
    }

    [Theory]
    [InlineData(0.90, 0.88, 0.00, false)]
    [InlineData(0.90, 0.88, 0.05, true)]
    [InlineData(0.90, 0.95, 0.00, true)]
    [InlineData(0.90, 0.90, 0.00, true)]
    public void TheAdapterPassesOnlyIfAtLeastAsGoodWithinTheTolerance(double baseAccuracy, double adapterAccuracy, double tolerance, bool passes)
    {
        var settings = new AdapterOptions { DecisionAccuracyTolerance = tolerance };

        var (passed, verdict) = GateScore.Judge(new RouteScore(baseAccuracy, 10, 1.0, 5), new RouteScore(adapterAccuracy, 10, 1.0, 5), settings);

        Assert.Equal(passes, passed);
        if (!passes) Assert.Contains("decision accuracy 0.88 is below the base model's 0.90", verdict);
    }

    [Fact]
    public void CasesWithoutExpectationsCannotActivateAnAdapter()
    {
        var (passed, verdict) = GateScore.Judge(new RouteScore(), new RouteScore(), new AdapterOptions());

        Assert.False(passed);
        Assert.Contains("expectedDecision", verdict);
    }
}
