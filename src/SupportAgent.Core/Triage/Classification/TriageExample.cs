namespace SupportAgent.Core.Triage.Classification;

/// <summary>A tenant's labelled example, kept so the classifier can be retrained (and audited) at any time.</summary>
public sealed class TriageExample
{
    public long Id { get; init; }
    public required string TenantId { get; init; }
    public required string Text { get; init; }
    public required string Category { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
