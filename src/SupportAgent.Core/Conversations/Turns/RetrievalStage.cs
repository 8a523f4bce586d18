using SupportAgent.Core.Retrieval;

namespace SupportAgent.Core.Conversations.Turns;

/// <summary>
/// The tenant's passages for the question (condensed with the recent turns). It runs even when an approved answer
/// matched, so every decision record shows what the knowledge base offered.
/// </summary>
public sealed class RetrievalStage(Retriever retriever) : QuietStage
{
    public override string Name => "retrieval";

    protected override async Task RunQuietAsync(TurnContext turn, CancellationToken ct) =>
        turn.Outcome.Retrieval = await retriever.RetrieveAsync(turn.Tenant.Id, turn.Text, turn.Turns, turn.Settings.TopK, turn.Documents, ct);
}
