using Microsoft.AspNetCore.DataProtection;
using SupportAgent.Core.Adapters;

namespace SupportAgent.Server.Adapters;

/// <summary>Adapter API keys encrypted with ASP.NET Data Protection; the purpose string isolates them from any other protected data.</summary>
public sealed class DataProtectionSecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    private readonly IDataProtector protector = provider.CreateProtector(ISecretProtector.Purpose);

    public string Protect(string secret) => protector.Protect(secret);
    public string Unprotect(string protectedSecret) => protector.Unprotect(protectedSecret);
}
