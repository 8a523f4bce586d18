namespace SupportAgent.Core.Triage.Classification;

/// <summary>What staff and admins see about a tenant's classifier; written next to the model file.</summary>
public sealed record TriageModelStatus(
    string State, int Examples, IReadOnlyList<string> Categories, double? OutOfScopeBelow, DateTimeOffset? TrainedAt, string? Error)
{
    public const string None = "none", Training = "training", Ready = "ready", Failed = "failed";
}
