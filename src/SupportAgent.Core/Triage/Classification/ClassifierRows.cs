using Microsoft.ML.Data;
using SupportAgent.Core.Retrieval;

namespace SupportAgent.Core.Triage.Classification;

/// <summary>
/// The classifier's input. Words are stemmed here, outside ML.NET, so "refunded" and "refund" share a feature
/// without a custom transform that a saved model could not load without registration. <see cref="Vector"/> is the
/// message's sentence embedding (empty when the tenant's classifier was trained without one).
/// </summary>
internal sealed class ClassifierInput
{
    public string Text { get; set; } = "";
    public string Stemmed { get; set; } = "";
    public string Label { get; set; } = "";
    public float[] Vector { get; set; } = [];

    public static ClassifierInput From(string text, float[]? vector, string label = "") => new()
    {
        Text = text,
        Stemmed = string.Join(' ', TextAnalysis.Words(text).Select(TextAnalysis.Stem)),
        Label = label,
        Vector = vector ?? [],
    };
}

internal sealed class ClassifierOutput
{
    [ColumnName("Score")]
    public float[] Score { get; set; } = [];
}
