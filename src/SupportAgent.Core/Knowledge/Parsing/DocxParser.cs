using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;

namespace SupportAgent.Core.Knowledge.Parsing;

/// <summary>
/// Word documents: paragraphs styled Heading 1–6 start sections (their text builds the heading path), the Title
/// style names the document, tables become one line per row, everything else is body text. The zip is checked for
/// bombs first, and the body is read with a streaming <see cref="XmlReader"/> under a depth cap: the OpenXml DOM
/// loads recursively, and 20,000 nested tables in a 3 KB file would overflow the stack.
/// </summary>
public sealed partial class DocxParser : IDocumentParser
{
    private const string W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    public IReadOnlyCollection<string> Extensions { get; } = [".docx"];

    // Style ids are "Heading1" in English Word, "heading 1" in some generators; localized Word keeps the digit.
    [GeneratedRegex(@"^heading\s*([1-6])$", RegexOptions.IgnoreCase)]
    private static partial Regex HeadingStyle();

    public ParsedDocument Parse(byte[] content, string fileName, ParseBudget? budget = null)
    {
        budget ??= ParseBudget.Default(fileName);
        try
        {
            ZipLimits.Check(content, budget);
            using var stream = new MemoryStream(content, writable: false);
            using var word = WordprocessingDocument.Open(stream, isEditable: false);
            var main = word.MainDocumentPart ?? throw new DocumentRejectedException($"'{fileName}' has no document body.");
            var settings = new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreProcessingInstructions = true,
                MaxCharactersInDocument = budget.Limits.MaxUncompressedBytes,
            };
            using var xml = XmlReader.Create(main.GetStream(FileMode.Open, FileAccess.Read), settings);
            var blocks = new BodyReader(xml, budget).Read().ToList();
            return Assemble(blocks, word.PackageProperties.Title, fileName);
        }
        catch (DocumentRejectedException) { throw; }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or IOException or InvalidOperationException or XmlException)
        {
            throw new DocumentRejectedException($"'{fileName}' is not a readable .docx file: {e.Message}", e);
        }
    }

    private static ParsedDocument Assemble(List<Block> blocks, string? packageTitle, string fileName)
    {
        var sections = new List<Section>();
        var path = new List<(int Level, string Title)>();
        var text = new StringBuilder();
        string? styledTitle = null;

        foreach (var block in blocks)
        {
            if (block.Rows is { } rows)
            {
                foreach (var row in rows) text.Append(row).Append('\n');
                text.Append('\n');
                continue;
            }
            var line = block.Text!;
            if (line.Length == 0) continue;
            var style = block.Style ?? "";
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

    /// <summary>A top-level block of the body: a paragraph (its text and style) or a table (one line per row).</summary>
    private sealed record Block(string? Text, string? Style, List<string>? Rows);

    /// <summary>
    /// Reads the body's top-level paragraphs and tables in one forward pass. A table row's cells keep all the text
    /// inside them (nested tables included), like Word's own copy as text.
    /// </summary>
    private sealed class BodyReader(XmlReader xml, ParseBudget budget)
    {
        private long total;

        public IEnumerable<Block> Read()
        {
            var bodyDepth = -1;
            while (xml.Read())
            {
                budget.Check();
                budget.CheckDepth(xml.Depth);
                if (xml.NodeType != XmlNodeType.Element || xml.NamespaceURI != W) continue;
                if (bodyDepth < 0) { if (xml.LocalName == "body" && !xml.IsEmptyElement) bodyDepth = xml.Depth; continue; }
                if (xml.Depth != bodyDepth + 1 || xml.IsEmptyElement) continue;
                if (xml.LocalName == "p") yield return Paragraph();
                else if (xml.LocalName == "tbl") yield return Table();
            }
        }

        private Block Paragraph()
        {
            var depth = xml.Depth;
            var text = new StringBuilder();
            string? style = null;
            var inText = false;
            while (xml.Read() && xml.Depth > depth)
            {
                budget.Check();
                budget.CheckDepth(xml.Depth);
                if (xml.NodeType == XmlNodeType.Element && xml.NamespaceURI == W)
                {
                    if (xml.LocalName == "t") inText = !xml.IsEmptyElement;
                    else if (xml.LocalName == "pStyle" && xml.Depth == depth + 2) style ??= xml.GetAttribute("val", W);
                }
                else if (xml.NodeType == XmlNodeType.EndElement && xml.LocalName == "t") inText = false;
                else if (inText && xml.NodeType is XmlNodeType.Text or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace) Append(text, xml.Value);
            }
            return new Block(Normalize(text.ToString()), style, null);
        }

        private Block Table()
        {
            var depth = xml.Depth;
            var rows = new List<string>();
            var cells = new List<string>();
            var cell = new StringBuilder();
            var inText = false;
            while (xml.Read() && xml.Depth > depth)
            {
                budget.Check();
                budget.CheckDepth(xml.Depth);
                var top = xml.NamespaceURI == W;
                if (xml.NodeType == XmlNodeType.Element && top)
                {
                    if (xml.LocalName == "t") inText = !xml.IsEmptyElement;
                }
                else if (xml.NodeType == XmlNodeType.EndElement && top)
                {
                    if (xml.LocalName == "t") inText = false;
                    else if (xml.LocalName == "tc" && xml.Depth == depth + 2) { cells.Add(Normalize(cell.ToString())); cell.Clear(); }
                    else if (xml.LocalName == "tr" && xml.Depth == depth + 1)
                    {
                        rows.Add(string.Join(" — ", cells.Where(c => c.Length > 0)));
                        cells.Clear();
                    }
                }
                else if (inText && xml.NodeType is XmlNodeType.Text or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace) Append(cell, xml.Value);
            }
            return new Block(null, null, rows);
        }

        private void Append(StringBuilder text, string value)
        {
            budget.CheckText(total += value.Length);
            text.Append(value);
        }
    }

    private static string Normalize(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
