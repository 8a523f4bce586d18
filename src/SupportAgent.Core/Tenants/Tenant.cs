namespace SupportAgent.Core.Tenants;

public sealed class Tenant
{
    public required string Id { get; init; }
    public required string Name { get; set; }
    public List<string> AllowedOrigins { get; set; } = [];
    public TenantSettings Settings { get; set; } = new();
    public DateTimeOffset CreatedAt { get; init; }
}
