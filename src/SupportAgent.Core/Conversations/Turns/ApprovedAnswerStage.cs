using SupportAgent.Core.Answering.Semantic;
using SupportAgent.Core.Data;
using SupportAgent.Core.Handoff;

namespace SupportAgent.Core.Conversations.Turns;

/// <summary>
/// Approved answers are searched first: a question close enough to one staff already answered may get that reply
/// verbatim. This stage only finds the match; the policy stage decides, after triage, whether it may be sent.
/// </summary>
public sealed class ApprovedAnswerStage(SupportDbContext db, ApprovedAnswerCache cache, SentenceEmbeddings? embeddings = null) : QuietStage
{
    public override string Name => "approved_answer";

    protected override async Task RunQuietAsync(TurnContext turn, CancellationToken ct)
    {
        var candidates = await cache.ForTenantAsync(turn.Tenant.Id, db, ct);
        if (candidates.Count == 0) return;
        if (await ApprovedAnswerMatcher.BestAsync(turn.Text, candidates, turn.Settings.ApprovedAnswerThreshold, embeddings, ct) is var (answer, score))
            turn.Outcome.Approved = new ApprovedMatch(answer, score);
    }
}
