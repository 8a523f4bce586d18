using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace SupportAgent.Tests.Infrastructure;

/// <summary>Binary documents made by the tests themselves, with the same libraries real producers use.</summary>
public static class TestFiles
{
    /// <summary>A PDF with one page per entry, each page's lines written top-down in 11 pt.</summary>
    public static byte[] Pdf(string title, params string[][] pages) =>
        Pdf(title, [.. pages.Select(lines => lines.Select(line => (line, 11.0)).ToArray())]);

    /// <summary>A PDF with one page per entry, each page's lines written top-down, each in its own size (headings larger).</summary>
    public static byte[] Pdf(string title, params (string Text, double Size)[][] pages)
    {
        var builder = new PdfDocumentBuilder();
        builder.DocumentInformation.Title = title;
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var lines in pages)
        {
            var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
            for (var i = 0; i < lines.Length; i++) page.AddText(lines[i].Text, lines[i].Size, new PdfPoint(40, 780 - i * 20), font);
        }
        return builder.Build();
    }

    /// <summary>A .docx whose paragraphs carry the given style ids ("Title", "Heading1", … or null for body text).</summary>
    public static byte[] Docx(params (string? Style, string Text)[] paragraphs)
    {
        using var stream = new MemoryStream();
        using (var word = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = word.AddMainDocumentPart();
            main.Document = new Document(new Body(paragraphs.Select(p => Paragraph(p.Style, p.Text))));
        }
        return stream.ToArray();
    }

    private static Paragraph Paragraph(string? style, string text)
    {
        var paragraph = new Paragraph();
        if (style is not null) paragraph.Append(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        paragraph.Append(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        return paragraph;
    }
}
