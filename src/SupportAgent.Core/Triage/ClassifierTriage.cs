using SupportAgent.Core.Triage.Classification;

namespace SupportAgent.Core.Triage;

/// <summary>
/// Rules for the signals (urgency, sentiment, wants-human, sensitive, action requests), the tenant's trained classifier
/// for the category when it has one. A message the classifier cannot place confidently, that looks like none of the
/// tenant's examples, or that it places in the tenant's own <c>out_of_scope</c> category, is flagged out of scope.
/// </summary>
public sealed class ClassifierTriage(RuleTriage rules, TriageModelStore models, MessageVectors vectors) : ITriage
{
    public const string OutOfScopeCategory = "out_of_scope";

    public async Task<TriageResult> TriageAsync(string tenantId, string text, IReadOnlyList<string> history, CancellationToken ct)
    {
        var result = await rules.TriageAsync(tenantId, text, history, ct);
        var classifier = await models.FindAsync(tenantId, ct);
        if (classifier is null) return result;
        // Vectors from another model than the one the classifier learned from would mislead it; n-grams alone still work.
        var useVectors = classifier.VectorDimensions > 0 && classifier.EmbeddingModel == vectors.ModelId;
        var prediction = classifier.Predict(text, useVectors ? await vectors.EmbedAsync(text, ct) : null);
        // A short follow-up ("and to Canada?") is about the previous turn's topic; classify them together.
        if (classifier.IsOutOfScope(prediction) && history.Count > 0)
        {
            var joined = $"{history[^1]} {text}";
            var withContext = classifier.Predict(joined, useVectors ? await vectors.EmbedAsync(joined, ct) : null);
            if (!classifier.IsOutOfScope(withContext) || withContext.Confidence > prediction.Confidence) prediction = withContext;
        }
        var outOfScope = prediction.Category == OutOfScopeCategory || classifier.IsOutOfScope(prediction);
        return result with { Category = prediction.Category, CategoryConfidence = prediction.Confidence, OutOfScope = outOfScope };
    }
}
