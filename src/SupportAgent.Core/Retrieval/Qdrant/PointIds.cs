using System.Security.Cryptography;
using System.Text;

namespace SupportAgent.Core.Retrieval.Qdrant;

/// <summary>
/// Deterministic point ids: an RFC 4122 name-based (version 5) UUID of tenant and chunk id. Re-upserting a chunk
/// overwrites its point instead of duplicating it, and the tenant is part of the name so two tenants that happen to
/// use the same chunk id can never overwrite each other's points.
/// </summary>
public static class PointIds
{
    private static readonly Guid Namespace = new("5b1f1c62-3c3e-4c55-9a57-6c1e0c7d2f10");

    public static string For(string tenantId, string chunkId)
    {
        var name = Encoding.UTF8.GetBytes($"{tenantId}\u001f{chunkId}");
        var input = new byte[16 + name.Length];
        Namespace.TryWriteBytes(input, bigEndian: true, out _);
        name.CopyTo(input, 16);
        var hash = SHA1.HashData(input);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // version 5
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString("D");
    }
}
