using SupportAgent.Core.Answering;
using SupportAgent.Core.Answering.Semantic;
using SupportAgent.Core.Retrieval;

namespace SupportAgent.Tests.Unit.Answering;

/// <summary>What may be quoted as an answer: whole statements, never layout.</summary>
public sealed class PassageSentencesTests
{
    [Theory]
    [InlineData("## Shipping options and costs")]
    [InlineData("| Standard | 3–5 business days | $5.95, or free on orders of $75 or more |")]
    [InlineData("|---|---|---|")]
    [InlineData("- PayPal, including PayPal Pay Later")]
    [InlineData("Delivery times and costs")]
    [InlineData("2. Enter the email address.")]
    [InlineData("This guide covers washing waterproof jackets, re-proofing, down care, and our 2-year warranty.")]
    [InlineData("This page lists the payment methods we accept and explains when your card is charged.")]
    public void HeadingsTableRowsListFragmentsAndSummariesOfThePageAreNotQuotable(string line) => Assert.False(PassageSentences.IsQuotable(line));

    [Theory]
    [InlineData("Processing takes 1–2 business days for all orders, including Express.")]
    [InlineData("- **PO boxes:** Standard shipping only. Express can't be delivered to a PO box.")]
    [InlineData("3. Open the email from Northwind Outfitters and select Reset password.")]
    public void WholeStatementsAreQuotable(string line) => Assert.True(PassageSentences.IsQuotable(line));

    [Fact]
    public async Task APassageOfOnlyATableAndAHeadingGivesNoAnswerRatherThanADump()
    {
        var table = new Passage(new IndexedChunk("c", "shipping", "Shipping", "Costs",
            "## Costs\n\n| Option | Time | Cost |\n|---|---|---|\n| Standard | 3–5 business days | $5.95 |", null), 1, 0.9);

        var answer = await new ExtractiveAnswerer().GenerateAsync(new AnswerRequest("t", "How much is standard shipping?", [table], "p"), default);

        Assert.False(answer.Grounded);
        Assert.Empty(answer.Citations);
    }

    [Fact]
    public async Task EveryQuotedSentenceCarriesItsOwnCitation()
    {
        Passage P(string id, string text) => new(new IndexedChunk(id, id, id, null, text, null), 1, 0.9);
        var answer = await new ExtractiveAnswerer().GenerateAsync(new AnswerRequest("t", "How long does a refund to PayPal take?",
            [P("refunds", "PayPal refunds usually arrive within 1 business day of the refund being issued. Card refunds take longer."),
             P("billing", "We accept PayPal and cards. Refund questions are answered on the refunds page.")], "p"), default);

        Assert.True(answer.Grounded);
        Assert.StartsWith("PayPal refunds usually arrive within 1 business day of the refund being issued. [1]", answer.Text);
        Assert.Equal("refunds", answer.Citations[0].DocumentId);
        Assert.Equal("PayPal refunds usually arrive within 1 business day of the refund being issued. [1] Card refunds take longer. [1]", answer.Text);
    }

    private static Passage Article(string id, string heading, string text) => new(new IndexedChunk(id, id, "Returns policy", heading, text, null), 1, 0.9);

    [Fact]
    public async Task ASentenceThatIntroducesAListIsQuotedWithItsItemsNeverAlone()
    {
        var passage = Article("returns-policy", "Final-sale items",
            "The following can't be returned or exchanged:\n\n- items marked **Final Sale** on the product page,\n- gift cards,\n- custom-embroidered or monogrammed items.\n\nFinal-sale items are still covered by our warranty.");

        var answer = await new ExtractiveAnswerer().GenerateAsync(new AnswerRequest("t", "which items can't be returned or exchanged?", [passage], "p"), default);

        Assert.True(answer.Grounded);
        Assert.StartsWith("The following can't be returned or exchanged: items marked Final Sale on the product page; gift cards; custom-embroidered or monogrammed items. [1]", answer.Text);
        Assert.DoesNotContain("exchanged: [1]", answer.Text);
    }

    [Fact]
    public void AListTooLongToQuoteWholeIsQuotedItemByItemAfterItsLeadIn()
    {
        var items = string.Join("\n", Enumerable.Range(1, PassageSentences.MaxListItems + 1).Select(i => $"- item number {i} with its own rule about refunds"));
        var sentences = PassageSentences.Split($"Refunds are reduced in these cases:\n\n{items}");

        Assert.False(sentences[0].Quotable); // the lead-in alone says nothing
        Assert.All(sentences.Skip(1), s => Assert.True(s.Quotable));
        Assert.Equal("Refunds are reduced in these cases: item number 1 with its own rule about refunds.", sentences[1].Text);
    }

    [Fact]
    public void TheConfidenceReadsEveryLineAsWrittenAsItWasCalibrated()
    {
        var sentences = PassageSentences.Split("To qualify for a refund, items must be:\n\n- unworn and unwashed,\n- returned with all tags attached.", listsWhole: false);

        Assert.Equal("To qualify for a refund, items must be:", sentences[0].Text);
        Assert.True(sentences[0].Quotable);
    }

    [Fact]
    public async Task ALineWithoutClosingPunctuationIsSentUnderItsSectionNameAsASentence()
    {
        var passage = new Passage(new IndexedChunk("payments", "billing", "Billing and payments", "Billing and payments › Accepted payment methods",
            "Apple Pay (Safari and the iOS app) and Google Pay (Chrome and the Android app)\n\nWe don't accept cash or checks.", null), 1, 0.9);

        var answer = await new ExtractiveAnswerer().GenerateAsync(new AnswerRequest("t", "can i pay with apple pay in the ios app", [passage], "p"), default);

        Assert.StartsWith("Accepted payment methods: Apple Pay (Safari and the iOS app) and Google Pay (Chrome and the Android app). [1]", answer.Text);
    }

    [Fact]
    public void ALeadInFollowedByLinesWithoutMarkersIsNotQuotedSinceItsListCannotBeToldApartFromWhatFollows()
    {
        var sentences = PassageSentences.Split("To help us solve your question in one go, have these ready:\n\nYour order number, which starts with NW- followed by 7 digits.\n\nThe email address used for the order.\n\nFor your security, we never ask for your full card number.");

        Assert.False(sentences[0].Quotable);
        Assert.DoesNotContain(sentences, s => s.Quotable && s.Text.StartsWith("To help us solve", StringComparison.Ordinal));
    }

    [Fact]
    public void ALeadInFollowedByOneStatementAloneInItsSectionIsQuotedWithIt()
    {
        var sentences = PassageSentences.Split("Always use the return label or send international returns to:\n\nNorthwind Outfitters Returns Center, 4800 Industrial Way, Reno, NV 89506, USA.");

        Assert.Equal("Always use the return label or send international returns to: Northwind Outfitters Returns Center, 4800 Industrial Way, Reno, NV 89506, USA.", sentences[0].Text);
        Assert.True(sentences[0].Quotable);
    }
}
