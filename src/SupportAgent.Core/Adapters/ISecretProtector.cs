namespace SupportAgent.Core.Adapters;

/// <summary>Encrypts secrets at rest (adapter API keys). A port: each host backs it with ASP.NET Data Protection.</summary>
public interface ISecretProtector
{
    /// <summary>The data-protection purpose every host uses, so a key protected by the server opens in the CLI.</summary>
    public const string Purpose = "SupportAgent.Adapters.ApiKey.v1";

    string Protect(string secret);
    string Unprotect(string protectedSecret);
}

/// <summary>The default when a host supplies none: adapters without an API key still work; storing or reading a key says why it cannot.</summary>
public sealed class UnavailableSecretProtector : ISecretProtector
{
    public string Protect(string secret) => throw Missing();
    public string Unprotect(string protectedSecret) => throw Missing();

    private static InvalidOperationException Missing() =>
        new("This host has no secret protector (ISecretProtector), so adapter API keys cannot be stored or read.");
}
