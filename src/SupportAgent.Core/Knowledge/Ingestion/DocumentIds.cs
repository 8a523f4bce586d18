using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace SupportAgent.Core.Knowledge.Ingestion;

public static partial class DocumentIds
{
    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonSlug();

    /// <summary>A file's document id is its name's slug, so uploading "Returns.md" again replaces the same document.</summary>
    public static string FromFileName(string fileName)
    {
        var slug = NonSlug().Replace(Path.GetFileNameWithoutExtension(fileName).ToLowerInvariant(), "-").Trim('-');
        return slug.Length == 0 ? "document" : slug[..Math.Min(slug.Length, 120)];
    }

    public static string ContentHash(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public static string ContentHash(string content) => ContentHash(Encoding.UTF8.GetBytes(content));
}
