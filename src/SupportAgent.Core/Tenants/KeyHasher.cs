using System.Security.Cryptography;
using System.Text;

namespace SupportAgent.Core.Tenants;

public static class KeyHasher
{
    // Keys are 256-bit random strings, so an unsalted fast hash is enough: there is nothing to brute-force.
    public static string Hash(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static string NewKey(ApiKeyRole role) =>
        $"sa_{Roles.Name(role)}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24))}";
}
