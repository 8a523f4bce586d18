using System.Security.Cryptography;
using System.Text;

namespace SupportAgent.Core.Tenants;

public static class KeyHasher
{
    // Keys are 256-bit random strings, so an unsalted fast hash is enough: there is nothing to brute-force.
    public static string Hash(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>
    /// A short public id of a key (the start of its hash): conversation tokens carry the id of the widget key that
    /// issued them, so rotating that key ends them. It reveals nothing of the key.
    /// </summary>
    public static string Id(string hash) => hash[..16];

    public static string NewKey(ApiKeyRole role) =>
        $"sa_{Roles.Name(role)}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24))}";
}
