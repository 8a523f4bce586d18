using SupportAgent.Core.Answering;
using SupportAgent.Core.Handoff;
using SupportAgent.Core.Retrieval;
using SupportAgent.Core.Triage;

namespace SupportAgent.Core.Conversations.Turns;

/// <summary>What the stages of one turn found and decided, in stage order. The recorder turns it into the reply, the decision and any escalation.</summary>
public sealed class TurnOutcome
{
    /// <summary>An approved answer close enough to the question (the policy decides whether it may be sent).</summary>
    public ApprovedMatch? Approved { get; set; }

    /// <summary>Set by the triage stage, which always runs.</summary>
    public TriageResult Triage { get; set; } = null!;

    /// <summary>Set by the retrieval stage, which always runs.</summary>
    public RetrievalResult Retrieval { get; set; } = null!;

    /// <summary>Every reason to hand the turn to a person (empty = answer).</summary>
    public List<EscalationReason> Reasons { get; } = [];

    /// <summary>The answer: sent when the turn is answered; when escalated, generated but held back (ungrounded) or absent.</summary>
    public GeneratedAnswer? Answer { get; set; }

    /// <summary>The last model tried when generation failed.</summary>
    public string? FailedModel { get; set; }

    /// <summary>Escalations only: the best answer the agent had and chose not to send, for staff to edit.</summary>
    public string? Draft { get; set; }

    public EscalationReason? Reason => EscalationReasons.MostSpecific(Reasons);
    public bool Escalated => Reasons.Count > 0;

    /// <summary>The score that justified the decision: the approved answer's match when it answered, else retrieval's confidence.</summary>
    public double TopScore => Answer?.Model == ApprovedAnswers.ModelName && Approved is { } approved ? approved.Score : Retrieval.Confidence;
}

public sealed record ApprovedMatch(ApprovedAnswer Answer, double Score);
