using SupportAgent.Core.Retrieval;
using SupportAgent.Core.Tenants;
using SupportAgent.Core.Triage;

namespace SupportAgent.Core.Answering;

/// <summary>Decides, before any text is generated, whether the agent may answer on its own; returns every reason against.</summary>
public static class AnswerPolicy
{
    public static IReadOnlyList<EscalationReason> ReasonsToEscalate(TriageResult triage, RetrievalResult retrieval, TenantSettings settings)
    {
        var reasons = new List<EscalationReason>();
        if (triage.Sensitive) reasons.Add(EscalationReason.Sensitive);
        if (triage.WantsHuman) reasons.Add(EscalationReason.WantsHuman);
        if (triage.Urgency == Urgency.High && settings.EscalateUrgent) reasons.Add(EscalationReason.Urgent);
        // An action only a person can take escalates whatever retrieval finds; no tenant switch turns it off.
        if (triage.ActionRequest) reasons.Add(EscalationReason.ActionRequest);
        // Out of scope is the classifier's estimate from a tenant's few labelled examples ("unlike anything seen"); a
        // question the tenant's own articles answer with calibrated confidence is in scope whatever the examples cover.
        // Lexical coverage is no such evidence, so without a calibrated model the estimate stands.
        var answeredByKnowledge = retrieval.Calibrated && !retrieval.Unavailable && retrieval.Confidence >= settings.AnswerThreshold;
        if (triage.OutOfScope && settings.EscalateOutOfScope && !answeredByKnowledge) reasons.Add(EscalationReason.OutOfScope);
        if (retrieval.Unavailable) reasons.Add(EscalationReason.RetrievalUnavailable);
        else if (retrieval.Confidence < settings.AnswerThreshold) reasons.Add(EscalationReason.LowConfidence);
        return reasons;
    }
}
