using SupportAgent.Core.Answering;
using SupportAgent.Core.Retrieval;
using SupportAgent.Core.Tenants;
using SupportAgent.Core.Triage;

namespace SupportAgent.Tests.Unit;

public sealed class AnswerPolicyTests
{
    private static readonly TriageResult Calm = new("shipping", 1, Urgency.Normal, Sentiment.Neutral, false, false, false);
    private static RetrievalResult Retrieved(double confidence) =>
        new("q", [new Passage(new IndexedChunk("c", "d", "t", null, "text", null), 1, confidence)]);

    [Fact]
    public void AConfidentRetrievalWithNoTriageFlagsIsAnswered()
    {
        Assert.Empty(AnswerPolicy.ReasonsToEscalate(Calm, Retrieved(0.9), new TenantSettings()));
    }

    [Fact]
    public void EveryApplicableReasonIsRecordedAndTheMostSpecificIsReported()
    {
        var triage = Calm with { WantsHuman = true, Sensitive = true, Urgency = Urgency.High };

        var reasons = AnswerPolicy.ReasonsToEscalate(triage, Retrieved(0.1), new TenantSettings());

        Assert.Equal(["sensitive", "wants_human", "urgent", "low_confidence"], reasons);
        Assert.Equal("sensitive", EscalationReasons.MostSpecific(reasons));
    }

    [Fact]
    public void AnUnreachableIndexEscalatesAsRetrievalUnavailableNotLowConfidence()
    {
        var reasons = AnswerPolicy.ReasonsToEscalate(Calm, new RetrievalResult("q", [], Unavailable: true), new TenantSettings());

        Assert.Equal(["retrieval_unavailable"], reasons);
    }

    [Fact]
    public void TheTenantsThresholdDecides()
    {
        Assert.Empty(AnswerPolicy.ReasonsToEscalate(Calm, Retrieved(0.6), new TenantSettings { AnswerThreshold = 0.5 }));
        Assert.Equal(["low_confidence"], AnswerPolicy.ReasonsToEscalate(Calm, Retrieved(0.6), new TenantSettings { AnswerThreshold = 0.7 }));
    }

    [Fact]
    public void ATenantMayTurnOffUrgentAndOutOfScopeEscalationButNeverSensitiveOrWantsHuman()
    {
        var triage = Calm with { Urgency = Urgency.High, OutOfScope = true, Sensitive = true, WantsHuman = true };
        var lenient = new TenantSettings { EscalateUrgent = false, EscalateOutOfScope = false };

        Assert.Equal(["sensitive", "wants_human"], AnswerPolicy.ReasonsToEscalate(triage, Retrieved(0.9), lenient));
        Assert.Equal(["sensitive", "wants_human", "urgent", "out_of_scope"], AnswerPolicy.ReasonsToEscalate(triage, Retrieved(0.9), new TenantSettings()));
    }

    [Fact]
    public void AQuestionTheArticlesAnswerWithCalibratedConfidenceIsNotEscalatedAsOutOfScope()
    {
        var unsure = Calm with { OutOfScope = true };
        RetrievalResult Calibrated(double confidence) => Retrieved(confidence) with { Calibrated = true };

        Assert.Empty(AnswerPolicy.ReasonsToEscalate(unsure, Calibrated(0.8), new TenantSettings()));
        Assert.Equal(["out_of_scope", "low_confidence"], AnswerPolicy.ReasonsToEscalate(unsure, Calibrated(0.3), new TenantSettings()));
        Assert.Equal(["out_of_scope"], AnswerPolicy.ReasonsToEscalate(unsure, Retrieved(0.9), new TenantSettings()));
    }

    [Fact]
    public void TheReportedReasonFollowsTheDocumentedPrecedence()
    {
        Assert.Equal("out_of_scope", EscalationReasons.MostSpecific(["low_confidence", "out_of_scope", "ungrounded"]));
        Assert.Equal("retrieval_unavailable", EscalationReasons.MostSpecific(["generation_failed", "retrieval_unavailable"]));
        Assert.Equal("generation_failed", EscalationReasons.MostSpecific(["ungrounded", "generation_failed"]));
        Assert.Equal("wants_human", EscalationReasons.MostSpecific(["urgent", "wants_human", "low_confidence"]));
    }
}
