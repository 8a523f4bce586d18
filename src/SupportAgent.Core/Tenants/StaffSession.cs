namespace SupportAgent.Core.Tenants;

/// <summary>
/// A console sign-in, kept in the database so that signing out and rotating the key that opened it end the session at
/// once on every replica. The cookie carries only the session's secret; the row holds its hash.
/// </summary>
public sealed class StaffSession
{
    /// <summary>SHA-256 of the secret in the cookie, so a copy of the table opens no session.</summary>
    public required string Id { get; init; }
    public required string TenantId { get; init; }
    public required ApiKeyRole Role { get; init; }
    /// <summary>Hash of the key that was exchanged for the session; rotating that key ends it.</summary>
    public required string KeyHash { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; set; }
}
