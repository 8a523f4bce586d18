namespace SupportAgent.Core.Adapters;

/// <summary>
/// A tenant's LoRA adapter on an OpenAI-compatible multi-LoRA server (vLLM or LoRAX). One per tenant; the
/// <see cref="Name"/> is exactly the <c>model</c> sent, so it is unique across tenants (the server's namespace is shared).
/// </summary>
public sealed class Adapter
{
    public required string TenantId { get; init; }
    public required string Name { get; set; }
    public required string BaseModel { get; set; }
    /// <summary>Server root, without <c>/v1</c> (e.g. <c>http://vllm:8000</c>).</summary>
    public required string Endpoint { get; set; }
    /// <summary>The endpoint's API key, encrypted with ASP.NET Data Protection; never returned.</summary>
    public string? ProtectedApiKey { get; set; }
    public AdapterStatus Status { get; set; } = AdapterStatus.Registered;
    /// <summary>Why the status is what it is, in words an admin can act on (evaluation result, forced activation, suspension).</summary>
    public string? StatusReason { get; set; }
    public AdapterComparison? LastComparison { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
    public DateTimeOffset StatusChangedAt { get; set; }
}
