using SupportAgent.Core.Knowledge.Parsing;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Unit.Parsing;

public sealed class PdfParserTests
{
    private static IReadOnlyList<string> PageLines(ParsedDocument document, int page) =>
        document.Sections[page].Text.Split('\n');

    [Fact]
    public void ASentenceThePageWrappedIsReadAsOneLine()
    {
        var pdf = TestFiles.Pdf("Warranty",
        [
            "Our 2-year warranty",
            "Every product, including sale items, is covered for 2",
            "years from the delivery date against defects.",
            "Heat alone often restores the",
            "DWR.",
        ]);

        var document = new PdfParser().Parse(pdf, "warranty.pdf");

        Assert.Equal(
            ["Our 2-year warranty", "Every product, including sale items, is covered for 2 years from the delivery date against defects.", "Heat alone often restores the DWR."],
            PageLines(document, 0));
    }

    [Fact]
    public void HeadingsListItemsAndLeadInsKeepTheirOwnLines()
    {
        var pdf = TestFiles.Pdf("Care",
        [
            "What the warranty covers",
            "Split seams and broken zips are covered:",
            "• Use a down-specific wash on a gentle cycle",
            "with an extra rinse.",
            "• Store down loosely on a hanger.",
            "1.",
            "Wash the jacket and tumble dry it on low.",
            "Storage",
            "Store gear clean and dry.",
        ]);

        var document = new PdfParser().Parse(pdf, "care.pdf");

        Assert.Equal(
        [
            "What the warranty covers",
            "Split seams and broken zips are covered:",
            "• Use a down-specific wash on a gentle cycle with an extra rinse.",
            "• Store down loosely on a hanger.",
            "1. Wash the jacket and tumble dry it on low.",
            "Storage",
            "Store gear clean and dry.",
        ], PageLines(document, 0));
    }

    [Fact]
    public void AFooterRepeatedOnEveryPageIsDroppedAndEachPageKeepsItsNumber()
    {
        var pdf = TestFiles.Pdf("Guide",
            ["Washing", "Wash cold.", "Acme Outdoor – Page 1 of 3"],
            ["Drying", "Dry flat.", "Acme Outdoor – Page 2 of 3"],
            ["Storing", "Store dry.", "Acme Outdoor – Page 3 of 3"]);

        var document = new PdfParser().Parse(pdf, "guide.pdf");

        Assert.Equal(["Page 1", "Page 2", "Page 3"], document.Sections.Select(s => s.HeadingPath.Single()));
        Assert.Equal(["Washing\nWash cold.", "Drying\nDry flat.", "Storing\nStore dry."], document.Sections.Select(s => s.Text));
    }

    [Fact]
    public void LinesSetLargerThanTheBodyTextAreHeadingsAndTheTextUnderThemIsReadUnderThem()
    {
        var pdf = TestFiles.Pdf("Warranty",
            [("Our 2-year warranty", 15), ("Every product is covered for 2 years.", 11), ("Keep your receipt.", 13), ("What the warranty covers", 12),
             ("• Split seams and broken zips.", 11), ("• Delaminated fabric.", 11)],
            [("Returns and repairs are", 11), ("handled by post.", 11), ("Storage", 15), ("Store gear dry.", 11)]);

        var document = new PdfParser().Parse(pdf, "warranty.pdf");

        Assert.Equal(
        [
            // A larger sentence is emphasis, not a heading; a subheading set a little larger is one.
            (["Page 1", "Our 2-year warranty"], "Every product is covered for 2 years.\nKeep your receipt."),
            (["Page 1", "What the warranty covers"], "• Split seams and broken zips.\n• Delaminated fabric."),
            // Text at the top of a page goes on under the previous page's last heading.
            (["Page 2", "What the warranty covers"], "Returns and repairs are handled by post."),
            (["Page 2", "Storage"], "Store gear dry."),
        ], document.Sections.Select(s => (s.HeadingPath.ToArray(), s.Text)));
    }

    [Fact]
    public void AOnePageDocumentKeepsItsLastLine()
    {
        var pdf = TestFiles.Pdf("Note", ["Returns", "Returns are free.", "Acme Outdoor – Page 1 of 1"]);

        var document = new PdfParser().Parse(pdf, "note.pdf");

        Assert.Equal("Returns\nReturns are free.\nAcme Outdoor – Page 1 of 1", document.Sections.Single().Text);
    }
}
