using SupportAgent.Core.Triage;
using SupportAgent.Core.Answering;

namespace SupportAgent.Core.Conversations.Turns;

/// <summary>
/// Answer or escalate, before any text is generated. An approved answer is sent whenever triage does not say a person
/// is needed (sensitive, asks for a human, urgent, asks for an action only a person can take): staff already vouched for it, so retrieval confidence and scope
/// do not hold it back.
/// </summary>
public sealed class PolicyStage : QuietStage
{
    public override string Name => "policy";

    protected override Task RunQuietAsync(TurnContext turn, CancellationToken ct)
    {
        var outcome = turn.Outcome;
        var triaged = outcome.Triage;
        if (outcome.Approved is { } approved && !(triaged.Sensitive || triaged.WantsHuman || triaged.ActionRequest || triaged.Urgency == Urgency.High))
        {
            outcome.Answer = new GeneratedAnswer(approved.Answer.Answer, [ApprovedAnswers.CitationOf(approved.Answer)], ApprovedAnswers.ModelName);
            return Task.CompletedTask;
        }
        outcome.Reasons.AddRange(AnswerPolicy.ReasonsToEscalate(triaged, outcome.Retrieval, turn.Settings));
        return Task.CompletedTask;
    }
}
