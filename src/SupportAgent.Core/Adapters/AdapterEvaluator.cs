using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportAgent.Core.Conversations;
using SupportAgent.Core.Data;

namespace SupportAgent.Core.Adapters;

/// <summary>
/// The evaluation gate: the same cases through the real chat pipeline, once pinned to the base model and once
/// pinned to the adapter, scored on decision accuracy and citation validity. The adapter is activated only if it
/// is at least as good on both, within the configured tolerances; the comparison is stored either way.
/// </summary>
public sealed class AdapterEvaluator(ChatService chat, SupportDbContext db, AdapterRegistry registry, IOptions<AdapterOptions> options,
    TimeProvider clock, ILogger<AdapterEvaluator> log)
{
    public async Task<AdapterComparison> EvaluateAsync(Adapter adapter, IReadOnlyList<GateCase> cases, CancellationToken ct)
    {
        RouteScore baseScore, adapterScore;
        using (RouteSelection.Pin(RouteKind.Base)) baseScore = await ScoreAsync(adapter, cases, null, ct);
        using (RouteSelection.Pin(RouteKind.Adapter)) adapterScore = await ScoreAsync(adapter, cases, adapter.Name, ct);

        var settings = options.Value;
        var (passed, verdict) = Judge(baseScore, adapterScore, settings);
        var comparison = new AdapterComparison
        {
            Cases = cases.Count, Base = baseScore, Adapter = adapterScore, Passed = passed, Verdict = verdict,
            DecisionAccuracyTolerance = settings.DecisionAccuracyTolerance, CitationValidityTolerance = settings.CitationValidityTolerance,
            EvaluatedAt = clock.GetUtcNow(),
        };
        await registry.RecordComparisonAsync(adapter.TenantId, adapter.Name, comparison, CancellationToken.None);
        log.LogInformation("Adapter {Adapter} of tenant {Tenant} evaluated on {Cases} cases: {Verdict}", adapter.Name, adapter.TenantId, cases.Count, verdict);
        return comparison;
    }

    internal static (bool Passed, string Verdict) Judge(RouteScore baseScore, RouteScore adapterScore, AdapterOptions settings)
    {
        var shortfalls = new List<string>();
        Compare("decision accuracy", baseScore.DecisionAccuracy, adapterScore.DecisionAccuracy, settings.DecisionAccuracyTolerance, shortfalls);
        Compare("citation validity", baseScore.CitationValidity, adapterScore.CitationValidity, settings.CitationValidityTolerance, shortfalls);
        if (baseScore.DecisionAccuracy is null && baseScore.CitationValidity is null)
            return (false, "no case could be scored: give cases an 'expectedDecision' (and 'expectedSources' for citations)");
        return shortfalls.Count == 0
            ? (true, $"the adapter is at least as good as the base model (decision accuracy {F(adapterScore.DecisionAccuracy)} vs {F(baseScore.DecisionAccuracy)}, "
                + $"citation validity {F(adapterScore.CitationValidity)} vs {F(baseScore.CitationValidity)})")
            : (false, string.Join("; ", shortfalls));
    }

    private static void Compare(string metric, double? baseValue, double? adapterValue, double tolerance, List<string> shortfalls)
    {
        if (baseValue is null) return; // nothing to compare on this metric
        if (adapterValue is null) shortfalls.Add($"{metric} could not be measured for the adapter (the base model scored {F(baseValue)})");
        else if (adapterValue < baseValue - tolerance - 1e-9)
            shortfalls.Add($"{metric} {F(adapterValue)} is below the base model's {F(baseValue)} (tolerance {tolerance:0.00})");
    }

    private static string F(double? value) => value is null ? "n/a" : value.Value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<RouteScore> ScoreAsync(Adapter adapter, IReadOnlyList<GateCase> cases, string? expectedAdapter, CancellationToken ct)
    {
        int decided = 0, decidedRight = 0, answered = 0, validCitations = 0, failures = 0;
        foreach (var c in cases)
        {
            var conversation = await chat.StartAsync(adapter.TenantId, isEvaluation: true, ct);
            await AddHistoryAsync(conversation, c.History, ct);
            var reply = await chat.HandleAsync(conversation, c.Question, ct);
            var decision = await db.Decisions.AsNoTracking().FirstAsync(d => d.ReplyMessageId == reply.MessageId, ct);
            // On the adapter side, an answer that did not come from the adapter (it failed) is not the adapter's success.
            var byThisRoute = expectedAdapter is null ? decision.Adapter is null : decision.Adapter == expectedAdapter && !decision.Fallback;
            var answeredHere = reply.Decision == "answered" && byThisRoute;
            if (reply.Decision == "answered" && !byThisRoute) failures++;
            if (c.ExpectedDecision is not null)
            {
                decided++;
                if ((c.ExpectedDecision == "answer") == answeredHere && (answeredHere || reply.Decision == "escalated")) decidedRight++;
            }
            if (reply.Decision == "answered")
            {
                answered++;
                if (answeredHere && reply.Citations.Count > 0
                    && (c.ExpectedSources.Count == 0 || reply.Citations.All(x => c.ExpectedSources.Contains(x.DocumentId))))
                    validCitations++;
            }
        }
        return new RouteScore(decided == 0 ? null : (double)decidedRight / decided, decided,
            answered == 0 ? null : (double)validCitations / answered, answered, failures);
    }

    private async Task AddHistoryAsync(Conversation conversation, IReadOnlyList<GateTurn> history, CancellationToken ct)
    {
        if (history.Count == 0) return;
        var at = clock.GetUtcNow().AddSeconds(-history.Count);
        for (var i = 0; i < history.Count; i++)
            db.Messages.Add(new Message
            {
                Id = Ids.New("m"), TenantId = conversation.TenantId, ConversationId = conversation.Id, Text = history[i].Text,
                Role = history[i].Role == "user" ? MessageRole.Customer : MessageRole.Assistant, CreatedAt = at.AddSeconds(i),
            });
        await db.SaveChangesAsync(ct);
    }
}
