namespace SupportAgent.Core.Triage.Classification;

/// <summary>
/// One training of a tenant's classifier, kept in the shared database so every replica classifies with the same model:
/// the ML.NET model and the examples' sentence vectors as bytes, with the status admins see. Versions count up per
/// tenant; replicas load the newest ready one and notice a newer one within <see cref="TriageOptions.ModelRefresh"/>.
/// A failed training is a row too (without a model), so every replica reports the failure while the last ready model serves.
/// </summary>
public sealed class StoredTriageModel
{
    public required string TenantId { get; init; }
    public int Version { get; init; }
    /// <summary><see cref="TriageModelStatus.Ready"/> or <see cref="TriageModelStatus.Failed"/>.</summary>
    public required string State { get; init; }
    public int Examples { get; init; }
    public List<string> Categories { get; init; } = [];
    public double? OutOfScopeBelow { get; init; }
    public double? NearestBelow { get; init; }
    public string? EmbeddingModel { get; init; }
    public string? Error { get; init; }
    /// <summary>When and where the training ran: the job's lease owner, so overlapping trainings would be visible.</summary>
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset FinishedAt { get; init; }
    public required string TrainedBy { get; init; }
    /// <summary>The ML.NET model as its zip bytes; null for a failed training.</summary>
    public byte[]? Model { get; init; }
    /// <summary>The training examples' sentence vectors (row count, width, floats); empty without vectors.</summary>
    public byte[]? Vectors { get; init; }
}
