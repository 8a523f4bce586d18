using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using UglyToad.PdfPig.Exceptions;

namespace SupportAgent.Core.Knowledge.Parsing;

/// <summary>One section per page, headed "Page N", so a citation can send the reader to the right page.</summary>
public sealed class PdfParser : IDocumentParser
{
    public IReadOnlyCollection<string> Extensions { get; } = [".pdf"];

    public ParsedDocument Parse(byte[] content, string fileName)
    {
        try
        {
            using var pdf = PdfDocument.Open(content);
            var sections = new List<Section>();
            foreach (var page in pdf.GetPages())
            {
                var text = ContentOrderTextExtractor.GetText(page).Trim();
                if (text.Length > 0) sections.Add(new Section([$"Page {page.Number}"], text));
            }
            if (sections.Count == 0)
                throw new DocumentRejectedException($"'{fileName}' has no extractable text (a scanned PDF needs OCR first).");
            var title = pdf.Information.Title;
            return new ParsedDocument(string.IsNullOrWhiteSpace(title) ? TextDecoding.TitleFromFileName(fileName) : title.Trim(), sections);
        }
        catch (DocumentRejectedException) { throw; }
        catch (PdfDocumentEncryptedException e)
        {
            throw new DocumentRejectedException($"'{fileName}' is encrypted; upload an unprotected copy.", e);
        }
        catch (Exception e)
        {
            throw new DocumentRejectedException($"'{fileName}' is not a readable PDF: {e.Message}", e);
        }
    }
}
