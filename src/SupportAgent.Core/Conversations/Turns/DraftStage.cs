using System.Text.RegularExpressions;
using SupportAgent.Core.Answering;
using SupportAgent.Core.Answering.Grounding;

namespace SupportAgent.Core.Conversations.Turns;

/// <summary>
/// Escalations get the best answer the agent had, for staff to edit rather than write from scratch: the generated
/// text it held back (ungrounded), or else an extractive answer quoted from the retrieved passages. No passages, no draft.
/// </summary>
public sealed partial class DraftStage(ExtractiveAnswerer extractive) : QuietStage
{
    public override string Name => "draft";

    public override bool AppliesTo(TurnContext turn) => turn.Outcome.Escalated && turn.Outcome.Retrieval.Passages.Count > 0;

    protected override async Task RunQuietAsync(TurnContext turn, CancellationToken ct)
    {
        var outcome = turn.Outcome;
        if (outcome.Answer is { Text: var held } && !string.IsNullOrWhiteSpace(held) && !Refusals.IsRefusal(held))
        {
            outcome.Draft = held.Trim();
            return;
        }
        var quoted = await extractive.GenerateAsync(
            new AnswerRequest(turn.Tenant.Id, turn.Text, outcome.Retrieval.Evidence, turn.Settings.Persona, turn.Tenant.Name), ct);
        // The escalation lists its own sources, so the quote's [n] marker would point at nothing there.
        var draft = CitationMarker().Replace(quoted.Text, "").Trim();
        outcome.Draft = draft.Length > 0 ? draft : null;
    }

    [GeneratedRegex(@"\s*\[\d+\]")]
    private static partial Regex CitationMarker();
}
