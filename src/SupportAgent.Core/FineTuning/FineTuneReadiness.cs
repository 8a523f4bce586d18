using Microsoft.EntityFrameworkCore;
using SupportAgent.Core.Answering;
using SupportAgent.Core.Data;

namespace SupportAgent.Core.FineTuning;

/// <summary>
/// Applies the staged rule "prompt → RAG → few-shot → fine-tune": fine-tuning is worth it only with enough stable
/// approved examples, when the remaining failures are about style and format (not missing knowledge), when the
/// content has settled, and when there is an evaluation set to prove the adapter is better.
/// </summary>
public sealed class FineTuneReadiness(SupportDbContext db, ApprovedExamples approved, TimeProvider clock)
{
    public const int MinimumExamples = 50;
    public const int RecommendedExamples = 200;
    private static readonly TimeSpan Window = TimeSpan.FromDays(14);

    public async Task<ReadinessReport> AssessAsync(string tenantId, CancellationToken ct)
    {
        var evidence = await GatherAsync(tenantId, ct);
        var (verdict, reasons) = Judge(evidence);
        return new ReadinessReport(verdict, reasons, evidence);
    }

    internal static (string Verdict, List<string> Reasons) Judge(ReadinessEvidence e)
    {
        var blockers = new List<string>();
        var notes = new List<string>();
        if (e.StableExamples < MinimumExamples)
            blockers.Add($"Only {e.StableExamples} stable staff-approved examples; at least {MinimumExamples} are needed ({RecommendedExamples} recommended). "
                + "Keep resolving escalations with a reply, and use the best ones as few-shot examples in the prompt meanwhile.");
        if (e.KnowledgeGapFailures > e.StyleFormatFailures)
            blockers.Add($"Most failures are knowledge gaps ({e.KnowledgeGapFailures} escalations where no good source was found, vs {e.StyleFormatFailures} "
                + "style or format failures): add or improve documents; fine-tuning cannot teach facts that are missing.");
        if (IsChangingFast(e))
            blockers.Add($"The content is still changing ({e.DocumentsChangedLast14Days} of {e.Documents} documents changed and "
                + $"{e.NewCategoriesLast14Days} new categories appeared in the last 14 days): keep prompting until it settles, or the adapter learns stale answers.");
        if (blockers.Count > 0) return ("not_yet", blockers);

        if (e.StyleFormatFailures == 0)
            notes.Add("No style or format failures were recorded, so an adapter has little to fix; prompt changes may be enough.");
        if (e.StableExamples < RecommendedExamples)
            notes.Add($"{e.StableExamples} stable examples is enough to try; {RecommendedExamples} or more give a more reliable adapter.");
        if (!e.EvaluationSetExists)
            notes.Add("No evaluation set has been run yet: create one (POST …/evaluations) so an adapter can be compared with the base model before it goes live.");
        if (notes.Count > 0) return ("consider", notes);
        return ("recommended", [
            $"{e.StableExamples} stable staff-approved examples (≥ {RecommendedExamples}).",
            $"Failures are mostly style or format ({e.StyleFormatFailures} vs {e.KnowledgeGapFailures} knowledge gaps): what an adapter improves.",
            "The documents and categories have been stable for 14 days, and an evaluation set exists to gate the adapter.",
        ]);
    }

    // A quarter of the documents replaced in two weeks, or a new category, means answers and labels are still moving.
    private static bool IsChangingFast(ReadinessEvidence e) =>
        e.NewCategoriesLast14Days > 0 || (e.Documents > 0 && e.DocumentsChangedLast14Days * 4 >= e.Documents && e.DocumentsChangedLast14Days > 1);

    private async Task<ReadinessEvidence> GatherAsync(string tenantId, CancellationToken ct)
    {
        var since = clock.GetUtcNow() - Window;
        var examples = TrainingExamples.Clean(await approved.LoadAsync(tenantId, ct));
        var live = db.Escalations.AsNoTracking().Where(e => e.TenantId == tenantId)
            .Join(db.Conversations.Where(c => !c.IsEvaluation), e => e.ConversationId, c => c.Id, (e, _) => e);
        var knowledgeGaps = await live.CountAsync(e => e.Reason == EscalationReason.LowConfidence, ct);
        var styleFailures = await live.CountAsync(e => e.Reason == EscalationReason.Ungrounded, ct);

        var documents = await db.Documents.AsNoTracking().Where(d => d.TenantId == tenantId).Select(d => d.UpdatedAt).ToListAsync(ct);
        var categories = await db.Decisions.AsNoTracking().Where(d => d.TenantId == tenantId && d.Category != null)
            .GroupBy(d => d.Category).Select(g => g.Min(d => d.CreatedAt)).ToListAsync(ct);
        var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == tenantId, ct);
        var evaluated = tenant.Settings.LastEvaluationAt is not null;
        var hadHistory = categories.Any(first => first < since); // on a brand-new tenant every category is "new"; that is not churn

        return new ReadinessEvidence(examples.Count, examples.Count(x => x.Stable), knowledgeGaps, styleFailures,
            documents.Count, documents.Count(u => u >= since), hadHistory ? categories.Count(first => first >= since) : 0, evaluated,
            MinimumExamples, RecommendedExamples);
    }
}
