using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using SupportAgent.Core.Answering;

namespace SupportAgent.Core.Conversations.Turns;

/// <summary>
/// Writes the answer when the policy allows one, streaming checked text as the model produces it. A failed or
/// ungrounded generation becomes an escalation reason; what was generated but held back stays on the outcome as the draft.
/// </summary>
public sealed class GenerationStage(IAnswerGenerator generator, ILogger<GenerationStage> log) : ITurnStage
{
    public string Name => "generation";

    public bool AppliesTo(TurnContext turn) => !turn.Outcome.Escalated && turn.Outcome.Answer is null;

    public async IAsyncEnumerable<string> RunAsync(TurnContext turn, [EnumeratorCancellation] CancellationToken ct)
    {
        var outcome = turn.Outcome;
        var request = new AnswerRequest(turn.Tenant.Id, turn.Text, outcome.Retrieval.Evidence, turn.Settings.Persona, turn.Tenant.Name, turn.Route, turn.Adapter);
        await using (var updates = generator.StreamAsync(request, ct).GetAsyncEnumerator(ct))
        {
            while (true)
            {
                AnswerUpdate update;
                try
                {
                    if (!await updates.MoveNextAsync()) break;
                    update = updates.Current;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogWarning(e, "Generation failed for conversation {Conversation}", turn.Conversation.Id);
                    outcome.Reasons.Add(EscalationReason.GenerationFailed);
                    outcome.FailedModel = (e as GenerationFailedException)?.Model;
                    yield break;
                }
                if (update.Answer is { } answer) outcome.Answer = answer;
                else yield return update.Text!;
            }
        }
        if (outcome.Answer is { Grounded: false }) outcome.Reasons.Add(EscalationReason.Ungrounded);
    }
}
