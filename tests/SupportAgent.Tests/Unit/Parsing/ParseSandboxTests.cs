using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SupportAgent.Core.Knowledge.Chunking;
using SupportAgent.Core.Knowledge.Parsing;

namespace SupportAgent.Tests.Unit.Parsing;

public sealed class ParseSandboxTests
{
    private static ParseSandbox Sandbox(FakeTimeProvider clock, ParsingOptions? limits = null) =>
        new(Options.Create(limits ?? new ParsingOptions { MaxParseTime = TimeSpan.FromSeconds(30) }), clock);

    [Fact]
    public async Task ADocumentThatOutlivesItsTimeBudgetIsRejectedWithTheLimit()
    {
        var clock = new FakeTimeProvider();

        var run = Sandbox(clock).RunAsync("slow.md", budget =>
        {
            budget.Check();
            clock.Advance(TimeSpan.FromSeconds(31));
            budget.Check();
            return 0;
        }, CancellationToken.None);

        var error = await Assert.ThrowsAsync<DocumentRejectedException>(() => run);
        Assert.Equal("'slow.md' took longer than 30 s to read; split it into smaller files.", error.Message);
    }

    [Fact]
    public async Task ADocumentThatAllocatesPastItsMemoryBudgetIsRejected()
    {
        var sandbox = Sandbox(new FakeTimeProvider(), new ParsingOptions { MaxAllocatedBytes = 16 * 1024 * 1024 });

        var run = sandbox.RunAsync("big.md", budget =>
        {
            var kept = new List<byte[]>();
            for (var i = 0; i < 10_000; i++) { kept.Add(new byte[64 * 1024]); budget.Check(); }
            return kept.Count;
        }, CancellationToken.None);

        var error = await Assert.ThrowsAsync<DocumentRejectedException>(() => run);
        Assert.Equal("'big.md' needs more than 16 MB of memory to read; split it into smaller files.", error.Message);
    }

    [Fact]
    public async Task AParseWithinItsBudgetReturnsItsResult()
    {
        var parsed = await Sandbox(new FakeTimeProvider()).RunAsync("a.md",
            budget => new MarkdownParser().Parse("# A\n\nAlpha."u8.ToArray(), "a.md", budget), CancellationToken.None);

        Assert.Equal("A", parsed.Title);
    }

    [Fact]
    public void HtmlNestedPastTheCapIsRejectedBeforeAnythingWalksIt()
    {
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<div>", 300)) + "x" + "</body></html>";

        var error = Assert.Throws<DocumentRejectedException>(() => new HtmlParser().Parse(System.Text.Encoding.UTF8.GetBytes(html), "deep.html"));

        Assert.Contains("more than 256 levels deep", error.Message);
    }

    [Fact]
    public void HtmlKeepsHeadingsAndParagraphsInDocumentOrder()
    {
        const string html = "<html><body><h1>Returns</h1><p>First <b>para</b>.</p><div><p>Second.</p></div><h2>Canada</h2><ul><li>One</li><li>Two</li></ul></body></html>";

        var parsed = new HtmlParser().Parse(System.Text.Encoding.UTF8.GetBytes(html), "r.html");

        Assert.Equal(["Returns", "Returns › Canada"], parsed.Sections.Select(s => s.Heading));
        Assert.Equal("First para.\n\nSecond.", parsed.Sections[0].Text);
        Assert.Equal("One\n\nTwo", parsed.Sections[1].Text);
    }

    [Fact]
    public void AMegabyteLongMarkdownLineOfOpenBracketsIsReadAsText()
    {
        var line = new string('[', 1_000_000);

        var parsed = new MarkdownParser().Parse(System.Text.Encoding.UTF8.GetBytes("# T\n\n" + line + "\n"), "b.md");

        Assert.Equal(line, parsed.Sections[0].Text);
    }

    [Fact]
    public void ALongRunIsCountedInSlicesCloseToItsTrueCount()
    {
        var tokens = new TokenCounter();
        var word = string.Concat(Enumerable.Repeat("antidisestablishment", 10));

        Assert.InRange(tokens.Count(word), tokens.Count(word[..100]) + tokens.Count(word[100..]) - 1, tokens.Count(word[..100]) + tokens.Count(word[100..]) + 2);
    }
}
