using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace SupportAgent.Core.Knowledge.Parsing;

/// <summary>
/// Word documents: paragraphs styled Heading 1–6 start sections (their text builds the heading path), the Title
/// style names the document, tables become one line per row, everything else is body text.
/// </summary>
public sealed partial class DocxParser : IDocumentParser
{
    public IReadOnlyCollection<string> Extensions { get; } = [".docx"];

    // Style ids are "Heading1" in English Word, "heading 1" in some generators; localized Word keeps the digit.
    [GeneratedRegex(@"^heading\s*([1-6])$", RegexOptions.IgnoreCase)]
    private static partial Regex HeadingStyle();

    public ParsedDocument Parse(byte[] content, string fileName)
    {
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var word = WordprocessingDocument.Open(stream, isEditable: false);
            var body = word.MainDocumentPart?.Document?.Body
                ?? throw new DocumentRejectedException($"'{fileName}' has no document body.");
            var parsed = Read(body, word.PackageProperties.Title, fileName);
            return parsed;
        }
        catch (DocumentRejectedException) { throw; }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or IOException or InvalidOperationException)
        {
            throw new DocumentRejectedException($"'{fileName}' is not a readable .docx file: {e.Message}", e);
        }
    }

    private static ParsedDocument Read(Body body, string? packageTitle, string fileName)
    {
        var sections = new List<Section>();
        var path = new List<(int Level, string Title)>();
        var text = new StringBuilder();
        string? styledTitle = null;

        foreach (var block in body.ChildElements)
        {
            if (block is Table table)
            {
                foreach (var row in table.Elements<TableRow>())
                    text.Append(string.Join(" — ", row.Elements<TableCell>().Select(c => Normalize(c.InnerText)).Where(c => c.Length > 0))).Append('\n');
                text.Append('\n');
                continue;
            }
            if (block is not Paragraph paragraph) continue;
            var line = Normalize(string.Concat(paragraph.Descendants<Text>().Select(t => t.Text)));
            if (line.Length == 0) continue;
            var style = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value ?? "";
            if (style.Equals("Title", StringComparison.OrdinalIgnoreCase)) { styledTitle ??= line; continue; }
            var heading = HeadingStyle().Match(style);
            if (!heading.Success) { text.Append(line).Append("\n\n"); continue; }
            Flush();
            var level = heading.Groups[1].Value[0] - '0';
            path.RemoveAll(p => p.Level >= level);
            path.Add((level, line));
        }
        Flush();
        if (sections.Count == 0) throw new DocumentRejectedException($"'{fileName}' has no text.");
        var title = !string.IsNullOrWhiteSpace(packageTitle) ? packageTitle.Trim()
            : styledTitle ?? path.FirstOrDefault().Title ?? TextDecoding.TitleFromFileName(fileName);
        return new ParsedDocument(title, sections);

        void Flush()
        {
            var s = text.ToString().Trim();
            text.Clear();
            if (s.Length > 0) sections.Add(new Section([.. path.Select(p => p.Title)], s));
        }
    }

    private static string Normalize(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
