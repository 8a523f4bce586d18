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

        Assert.Equal([EscalationReason.Sensitive, EscalationReason.WantsHuman, EscalationReason.Urgent, EscalationReason.LowConfidence], reasons);
        Assert.Equal(EscalationReason.Sensitive, EscalationReasons.MostSpecific(reasons));
    }

    [Fact]
    public void AnUnreachableIndexEscalatesAsRetrievalUnavailableNotLowConfidence()
    {
        var reasons = AnswerPolicy.ReasonsToEscalate(Calm, new RetrievalResult("q", [], Unavailable: true), new TenantSettings());

        Assert.Equal([EscalationReason.RetrievalUnavailable], reasons);
    }

    [Fact]
    public void TheTenantsThresholdDecides()
    {
        Assert.Empty(AnswerPolicy.ReasonsToEscalate(Calm, Retrieved(0.6), new TenantSettings { AnswerThreshold = 0.5 }));
        Assert.Equal([EscalationReason.LowConfidence], AnswerPolicy.ReasonsToEscalate(Calm, Retrieved(0.6), new TenantSettings { AnswerThreshold = 0.7 }));
    }

    [Fact]
    public void ATenantMayTurnOffUrgentAndOutOfScopeEscalationButNeverSensitiveOrWantsHuman()
    {
        var triage = Calm with { Urgency = Urgency.High, OutOfScope = true, Sensitive = true, WantsHuman = true };
        var lenient = new TenantSettings { EscalateUrgent = false, EscalateOutOfScope = false };

        Assert.Equal([EscalationReason.Sensitive, EscalationReason.WantsHuman], AnswerPolicy.ReasonsToEscalate(triage, Retrieved(0.9), lenient));
        Assert.Equal([EscalationReason.Sensitive, EscalationReason.WantsHuman, EscalationReason.Urgent, EscalationReason.OutOfScope], AnswerPolicy.ReasonsToEscalate(triage, Retrieved(0.9), new TenantSettings()));
    }

    [Fact]
    public void AQuestionTheArticlesAnswerWithCalibratedConfidenceIsNotEscalatedAsOutOfScope()
    {
        var unsure = Calm with { OutOfScope = true };
        RetrievalResult Calibrated(double confidence) => Retrieved(confidence) with { Calibrated = true };

        Assert.Empty(AnswerPolicy.ReasonsToEscalate(unsure, Calibrated(0.8), new TenantSettings()));
        Assert.Equal([EscalationReason.OutOfScope, EscalationReason.LowConfidence], AnswerPolicy.ReasonsToEscalate(unsure, Calibrated(0.3), new TenantSettings()));
        Assert.Equal([EscalationReason.OutOfScope], AnswerPolicy.ReasonsToEscalate(unsure, Retrieved(0.9), new TenantSettings()));
    }

    [Fact]
    public void TheReportedReasonFollowsTheDocumentedPrecedence()
    {
        Assert.Equal(EscalationReason.OutOfScope, EscalationReasons.MostSpecific([EscalationReason.LowConfidence, EscalationReason.OutOfScope, EscalationReason.Ungrounded]));
        Assert.Equal(EscalationReason.RetrievalUnavailable, EscalationReasons.MostSpecific([EscalationReason.GenerationFailed, EscalationReason.RetrievalUnavailable]));
        Assert.Equal(EscalationReason.GenerationFailed, EscalationReasons.MostSpecific([EscalationReason.Ungrounded, EscalationReason.GenerationFailed]));
        Assert.Equal(EscalationReason.WantsHuman, EscalationReasons.MostSpecific([EscalationReason.Urgent, EscalationReason.WantsHuman, EscalationReason.LowConfidence]));
    }
}

public sealed class EscalationReasonSpellingTests
{
    [Fact]
    public void EveryReasonTravelsAsTodaysLowerCaseNameWhateverTheNamingPolicy()
    {
        var options = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web);

        var json = System.Text.Json.JsonSerializer.Serialize(EscalationReasons.BySpecificity, options);

        Assert.Equal("""["sensitive","wants_human","urgent","action_request","out_of_scope","retrieval_unavailable","low_confidence","generation_failed","ungrounded"]""", json);
        Assert.Equal(EscalationReasons.BySpecificity, System.Text.Json.JsonSerializer.Deserialize<EscalationReason[]>(json, options));
        Assert.All(EscalationReasons.BySpecificity, r => Assert.Equal(r, EscalationReasons.Parse(r.Name())));
        Assert.Throws<FormatException>(() => EscalationReasons.Parse("LowConfidence"));
    }
}
