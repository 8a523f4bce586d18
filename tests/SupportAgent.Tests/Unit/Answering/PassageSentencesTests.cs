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
    public void HeadingsTableRowsAndListFragmentsAreNotQuotable(string line) => Assert.False(PassageSentences.IsQuotable(line));

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
}
