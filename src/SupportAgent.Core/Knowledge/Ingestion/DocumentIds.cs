using System.Security.Cryptography;
using System.Text;

namespace SupportAgent.Core.Knowledge.Ingestion;

public static class DocumentIds
{
    private const int MaxLength = 120;

    /// <summary>
    /// A file's document id is its name's slug, so uploading "Returns.md" again replaces the same document. Letters
    /// and digits of every script are kept ("返品ポリシー.md" → "返品ポリシー"), everything else becomes '-'; a name with
    /// no letter or digit at all gets an id derived from the whole name, so two such files never share one.
    /// </summary>
    public static string FromFileName(string fileName)
    {
        var name = Path.GetFileNameWithoutExtension(fileName).ToLowerInvariant();
        var slug = new StringBuilder(name.Length);
        for (var i = 0; i < name.Length && slug.Length < MaxLength; i++)
        {
            var c = name[i];
            if (char.IsSurrogatePair(name, i))
            {
                if (char.IsLetterOrDigit(name, i) && slug.Length + 2 <= MaxLength) slug.Append(c).Append(name[i + 1]);
                else Dash();
                i++;
            }
            else if (char.IsLetterOrDigit(c) || IsCombiningMark(c)) slug.Append(c);
            else Dash();
        }
        var id = slug.ToString().Trim('-');
        return id.Length > 0 ? id : "document-" + ContentHash(fileName)[..12];

        void Dash() { if (slug.Length > 0 && slug[^1] != '-') slug.Append('-'); }
    }

    // Vowel signs of Devanagari, Thai and others are marks, not letters: without them the words fall apart.
    private static bool IsCombiningMark(char c) =>
        char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark;

    public static string ContentHash(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public static string ContentHash(string content) => ContentHash(Encoding.UTF8.GetBytes(content));
}
