using SupportAgent.Core.Retrieval;
using SupportAgent.Core.Retrieval.Embedded;

namespace SupportAgent.Tests.Unit.Retrieval;

public sealed class CustomerWordingTests
{
    private static readonly IndexedChunk Payments = new("c1", "billing-and-payments", "Billing and payments", "Accepted payment methods",
        "We accept Visa, Mastercard, American Express, and Discover credit and debit cards.", null);

    [Fact]
    public void ChatShorthandIsSpelledOutForTheLexicalSearch()
    {
        Assert.Equal("do you take american express", CustomerWording.ForLexicalSearch("do u take amex"));
        Assert.Equal("the jacket does not fit, can you send your label", CustomerWording.ForLexicalSearch("the jacket doesnt fit, can U send ur label"));
    }

    [Fact]
    public void ShorthandInsideLongerWordsIsLeftAsWritten()
    {
        Assert.Equal("umbrella bus warranty", CustomerWording.ForLexicalSearch("umbrella bus warranty"));
    }

    [Fact]
    public void AnAbbreviationTheArticleSpellsOutCountsAsCoveredContent()
    {
        Assert.Equal(1.0, LexicalConfidence.Score("do u take amex", Payments), 3);
        Assert.True(LexicalConfidence.Score("do u take diners club", Payments) < 0.5);
    }

    [Fact]
    public void ANegationWrittenWithoutItsApostropheIsNotContentThePassageMisses()
    {
        var returns = new IndexedChunk("c2", "returns-policy", "Returns policy", null, "If the jacket does not fit, you can return it within 30 days.", null);

        Assert.Equal(1.0, LexicalConfidence.Score("jacket doesnt fit, can i return it", returns), 3);
    }

    [Fact]
    public void TheBm25QuerySearchesTheSpelledOutWords()
    {
        var words = FtsQuery.Any("do u take amex")!.Phrases.Select(p => p.Word).ToList();

        Assert.Contains("american", words);
        Assert.Contains("express", words);
        Assert.DoesNotContain("amex", words);
    }
}
