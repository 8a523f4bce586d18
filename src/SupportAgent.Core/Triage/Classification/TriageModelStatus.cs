namespace SupportAgent.Core.Triage.Classification;

/// <summary>What staff and admins see about a tenant's classifier.</summary>
/// <param name="OutOfScopeBelow">Calibrated top probability below which a message fits no category.</param>
/// <param name="NearestBelow">Calibrated similarity to the nearest training example below which a message fits no category.</param>
/// <param name="EmbeddingModel">The embedding model the sentence-vector features came from (null: n-grams only).</param>
/// <param name="Version">The stored training this status describes (counts up per tenant; every replica serves the newest ready one).</param>
public sealed record TriageModelStatus(
    string State, int Examples, IReadOnlyList<string> Categories, double? OutOfScopeBelow, DateTimeOffset? TrainedAt, string? Error,
    double? NearestBelow = null, string? EmbeddingModel = null, int? Version = null)
{
    public const string None = "none", Training = "training", Ready = "ready", Failed = "failed";
}
