using SupportAgent.Core.FineTuning;

namespace SupportAgent.Tests.Unit.FineTuning;

public sealed class PiiScrubberTests
{
    [Theory]
    [InlineData("Write to jane.doe+orders@example.co.uk today", "Write to [email] today")]
    [InlineData("Card 4111 1111 1111 1111 was charged", "Card [card number] was charged")]
    [InlineData("card 4111-1111-1111-1111.", "card [card number].")]
    [InlineData("my card is 5500005555555559", "my card is [card number]")]
    [InlineData("Call +1 (555) 123-4567 after 5", "Call [phone number] after 5")]
    [InlineData("ring 020 7946 0958 please", "ring [phone number] please")]
    [InlineData("or 555.123.4567", "or [phone number]")]
    public void PersonalDataIsReplacedByAPlaceholder(string text, string expected) => Assert.Equal(expected, PiiScrubber.Scrub(text));

    [Theory]
    [InlineData("Order 10234 shipped on 2026-11-24 for $19.99")]
    [InlineData("Returns are accepted within 30 days; 5 to 8 business days to Canada.")]
    [InlineData("Use code SAVE-2024 at checkout")]
    public void OrdinaryNumbersAreKept(string text) => Assert.Equal(text, PiiScrubber.Scrub(text));
}
