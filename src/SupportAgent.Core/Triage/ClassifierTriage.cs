using SupportAgent.Core.Triage.Classification;

namespace SupportAgent.Core.Triage;

/// <summary>
/// Rules for the signals (urgency, sentiment, wants-human, sensitive), the tenant's trained classifier for the
/// category when it has one. A message the classifier cannot place confidently, or places in the tenant's own
/// <c>out_of_scope</c> category, is flagged out of scope.
/// </summary>
public sealed class ClassifierTriage(RuleTriage rules, TriageModelStore models) : ITriage
{
    public const string OutOfScopeCategory = "out_of_scope";

    public async Task<TriageResult> TriageAsync(string tenantId, string text, IReadOnlyList<string> history, CancellationToken ct)
    {
        var result = await rules.TriageAsync(tenantId, text, history, ct);
        var classifier = models.Find(tenantId);
        if (classifier is null) return result;
        var prediction = classifier.Predict(text);
        // A short follow-up ("and to Canada?") is about the previous turn's topic; classify them together.
        if (prediction.Confidence < classifier.OutOfScopeBelow && history.Count > 0)
        {
            var withContext = classifier.Predict($"{history[^1]} {text}");
            if (withContext.Confidence > prediction.Confidence) prediction = withContext;
        }
        var outOfScope = prediction.Category == OutOfScopeCategory || prediction.Confidence < classifier.OutOfScopeBelow;
        return result with { Category = prediction.Category, CategoryConfidence = prediction.Confidence, OutOfScope = outOfScope };
    }
}
