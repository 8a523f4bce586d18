using SupportAgent.Core.Knowledge.Chunking;
using SupportAgent.Core.Knowledge.Parsing;

namespace SupportAgent.Tests.Unit;

public sealed class ChunkerTests
{
    private readonly TokenCounter tokens = new();

    [Fact]
    public void ChunksStayWithinTheTokenBudgetAndNeverSplitAWord()
    {
        var sentence = "Orders to Canada are delivered in five to eight business days by tracked courier. ";
        var text = string.Concat(Enumerable.Repeat(sentence, 60));
        var document = new ParsedDocument("Shipping", [new Section(["Shipping", "Canada"], text)]);

        var chunks = new Chunker(tokens).Chunk(document, targetTokens: 100, overlapTokens: 20);

        Assert.True(chunks.Count > 5);
        Assert.All(chunks, c => Assert.InRange(c.Tokens, 10, 100 + 20));
        Assert.All(chunks, c => Assert.Equal("Shipping › Canada", c.Heading));
        var words = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        Assert.All(chunks.SelectMany(c => c.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), w => Assert.Contains(w, words));
    }

    [Fact]
    public void ConsecutiveChunksOverlapSoAnswersAtABoundaryAreKept()
    {
        var paragraphs = Enumerable.Range(1, 30).Select(i => $"Paragraph number {i} explains one separate policy detail in a few words.");
        var document = new ParsedDocument("Policy", [new Section([], string.Join("\n\n", paragraphs))]);

        var chunks = new Chunker(tokens).Chunk(document, targetTokens: 60, overlapTokens: 20);

        for (var i = 1; i < chunks.Count; i++)
        {
            var lastOfPrevious = chunks[i - 1].Text.Split("\n\n")[^1];
            Assert.StartsWith(lastOfPrevious, chunks[i].Text);
        }
    }

    [Fact]
    public void ChunksNeverCrossAHeading()
    {
        var parsed = new MarkdownParser().Parse("# Title\n\n## A\n\nAlpha text.\n\n## B\n\nBeta text."u8.ToArray(), "doc.md");

        var chunks = new Chunker(tokens).Chunk(parsed, 300, 40);

        Assert.Equal(["Title › A", "Title › B"], chunks.Select(c => c.Heading));
        Assert.Equal(["Alpha text.", "Beta text."], chunks.Select(c => c.Text));
    }
}
