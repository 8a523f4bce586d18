using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using UglyToad.PdfPig.Exceptions;

namespace SupportAgent.Core.Knowledge.Parsing;

/// <summary>
/// One section per page, headed "Page N", so a citation can send the reader to the right page; wrapped lines are joined
/// and running headers and footers dropped (<see cref="PdfLines"/>); lines set larger than the page's body text are
/// headings (<see cref="PdfHeadings"/>), as a reader sees them, so a passage is read under what it is about. PdfPig's own object
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
            var headings = new List<IReadOnlySet<string>>();
            long total = 0;
            foreach (var page in pdf.GetPages())
            {
                budget.Check();
                var text = ContentOrderTextExtractor.GetText(page).Trim();
                budget.CheckText(total += text.Length);
                pages.Add(text);
                headings.Add(PdfHeadings.Of(page));
            }
            var sections = Sections(PdfLines.WithoutRunningLines(pages), headings);
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

    /// <summary>
    /// Each page's text cut at its headings, under "Page N › heading"; text before a page's first heading continues
    /// the previous page's last section. Lines are read as the text has them, not as the page printed them (PdfLines).
    /// </summary>
    private static List<Section> Sections(IReadOnlyList<string> pages, IReadOnlyList<IReadOnlySet<string>> headings)
    {
        var sections = new List<Section>();
        string? current = null;
        for (var i = 0; i < pages.Count; i++)
        {
            foreach (var (heading, lines) in PdfLines.UnderHeadings(pages[i], headings[i]))
            {
                current = heading ?? current;
                var text = PdfLines.Unwrap(string.Join('\n', lines));
                if (text.Length > 0) sections.Add(new Section(current is null ? [$"Page {i + 1}"] : [$"Page {i + 1}", current], text));
            }
        }
        return sections;
    }
}
