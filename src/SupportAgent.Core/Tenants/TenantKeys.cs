namespace SupportAgent.Core.Tenants;

public sealed record TenantKeys(string Admin, string Staff, string Widget);
