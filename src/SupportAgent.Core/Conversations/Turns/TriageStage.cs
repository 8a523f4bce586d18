using SupportAgent.Core.Triage;

namespace SupportAgent.Core.Conversations.Turns;

/// <summary>Category, urgency, sentiment, wants-human, sensitive and out-of-scope, once per turn.</summary>
public sealed class TriageStage(ITriage triage) : QuietStage
{
    public override string Name => "triage";

    protected override async Task RunQuietAsync(TurnContext turn, CancellationToken ct) =>
        turn.Outcome.Triage = await triage.TriageAsync(turn.Tenant.Id, turn.Text, turn.CustomerHistory, ct);
}
