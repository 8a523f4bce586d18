namespace SupportAgent.Core.Adapters;

/// <summary>
/// Which tenant an adapter name belongs to. On a shared multi-LoRA server the name selects the weights, so a name stays
/// bound to the tenant that first registered it, through adapter and tenant deletion, until the operator releases it:
/// otherwise another tenant could claim the name and be served the first tenant's fine-tuned weights.
/// </summary>
public sealed class AdapterNameBinding
{
    public required string Name { get; init; }
    public required string TenantId { get; init; }
    public DateTimeOffset BoundAt { get; init; }
}
