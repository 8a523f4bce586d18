namespace SupportAgent.Core.Adapters;

/// <summary>Encrypts secrets at rest (adapter API keys). The server backs it with ASP.NET Data Protection.</summary>
public interface ISecretProtector
{
    string Protect(string secret);
    string Unprotect(string protectedSecret);
}
