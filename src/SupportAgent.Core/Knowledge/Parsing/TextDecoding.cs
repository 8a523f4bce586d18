using System.Text;

namespace SupportAgent.Core.Knowledge.Parsing;

internal static class TextDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes UTF-8 (BOM or not); a binary file posing as text is rejected instead of indexed as garbage.</summary>
    public static string Decode(byte[] content, string fileName)
    {
        try
        {
            var text = StrictUtf8.GetString(content).TrimStart('\uFEFF');
            if (text.Contains('\0'))
                throw new DocumentRejectedException($"'{fileName}' looks like a binary file, not text.");
            return text.Replace("\r\n", "\n");
        }
        catch (DecoderFallbackException e)
        {
            throw new DocumentRejectedException($"'{fileName}' is not valid UTF-8 text.", e);
        }
    }

    public static string TitleFromFileName(string fileName) =>
        Path.GetFileNameWithoutExtension(fileName).Replace('-', ' ').Replace('_', ' ').Trim();
}
