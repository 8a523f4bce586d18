namespace SupportAgent.Core.Tenants;

/// <summary>A tenant key. Only the SHA-256 hash is stored; the key itself is shown once, at creation.</summary>
public sealed class ApiKey
{
    public required string Hash { get; init; }
    public required string TenantId { get; init; }
    public required ApiKeyRole Role { get; init; }
    /// <summary>First characters of the key, so an operator can tell keys apart without the secret.</summary>
    public required string Prefix { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
