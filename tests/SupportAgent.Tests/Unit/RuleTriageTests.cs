using SupportAgent.Core.Triage;

namespace SupportAgent.Tests.Unit;

public sealed class RuleTriageTests
{
    private static TriageResult Triage(string text) => new RuleTriage().TriageAsync("t", text, [], default).Result;

    [Theory]
    [InlineData("Can I talk to a real person please")]
    [InlineData("I want to speak to someone about this")]
    [InlineData("get me a representative")]
    [InlineData("HUMAN")]
    public void AskingForAPersonIsRecognised(string text) => Assert.True(Triage(text).WantsHuman);

    [Theory]
    [InlineData("How long does shipping take?")]
    [InlineData("Is the jacket waterproof?")]
    public void OrdinaryQuestionsDoNotAskForAPerson(string text) => Assert.False(Triage(text).WantsHuman);

    [Theory]
    [InlineData("I'll be talking to my lawyer about this")]
    [InlineData("Please close my account and erase my data")]
    public void SensitiveTopicsAreFlagged(string text) => Assert.True(Triage(text).Sensitive);

    [Fact]
    public void ADoubleChargeIsUrgent() => Assert.Equal("high", Triage("I was charged twice for order 1234").Urgency);
}
