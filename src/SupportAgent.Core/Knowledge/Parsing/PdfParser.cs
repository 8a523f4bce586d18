using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using UglyToad.PdfPig.Exceptions;

namespace SupportAgent.Core.Knowledge.Parsing;

/// <summary>
/// One section per page, headed "Page N", so a citation can send the reader to the right page; wrapped lines are joined
/// and running headers and footers dropped (<see cref="PdfLines"/>). PdfPig's own object
/// depth cap is set to ours, and pages, text, time and memory are checked page by page.
/// </summary>
public sealed class PdfParser : IDocumentParser
{
    public IReadOnlyCollection<string> Extensions { get; } = [".pdf"];

    public ParsedDocument Parse(byte[] content, string fileName, ParseBudget? budget = null)
    {
        budget ??= ParseBudget.Default(fileName);
        try
        {
            using var pdf = PdfDocument.Open(content, new UglyToad.PdfPig.ParsingOptions { MaxStackDepth = budget.Limits.MaxNestingDepth });
            if (pdf.NumberOfPages > budget.Limits.MaxPdfPages)
                throw new DocumentRejectedException($"'{fileName}' has {pdf.NumberOfPages:N0} pages; the limit is {budget.Limits.MaxPdfPages:N0} per file.");
            var pages = new List<string>();
            long total = 0;
            foreach (var page in pdf.GetPages())
            {
                budget.Check();
                var text = ContentOrderTextExtractor.GetText(page).Trim();
                budget.CheckText(total += text.Length);
                pages.Add(text);
            }
            // Lines as the text has them, not as the page printed them (see PdfLines); pages keep their numbers.
            var sections = PdfLines.WithoutRunningLines(pages).Select((text, i) => (Number: i + 1, Text: PdfLines.Unwrap(text)))
                .Where(p => p.Text.Length > 0).Select(p => new Section([$"Page {p.Number}"], p.Text)).ToList();
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
