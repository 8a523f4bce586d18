using SupportAgent.Core.Triage;

namespace SupportAgent.Tests.Unit;

/// <summary>Each rule against the way customers actually write, and against ordinary messages that must not trip it.</summary>
public sealed class RuleTriageTests
{
    private static TriageResult Triage(string text, params string[] history) => new RuleTriage().TriageAsync("t", text, history, default).Result;

    [Theory]
    [InlineData("Can I talk to a real person please")]
    [InlineData("I want to speak to someone about this")]
    [InlineData("get me a representative")]
    [InlineData("HUMAN")]
    [InlineData("is there a human I can talk to??")]
    [InlineData("Please transfer me to an agent")]
    [InlineData("are you a bot? I need to chat with your support team")]
    [InlineData("Can someone from your team call me back about order 5521?")]
    [InlineData("I’d like to speak with a supervisor")]
    public void AskingForAPersonIsRecognised(string text) => Assert.True(Triage(text).WantsHuman);

    [Theory]
    [InlineData("How long does shipping take?")]
    [InlineData("Is the jacket waterproof?")]
    [InlineData("Is live chat open on weekends?")]
    [InlineData("Will this coat fit a person who is six feet tall?")]
    [InlineData("My agent code for the affiliate program isn't working")]
    public void OrdinaryQuestionsDoNotAskForAPerson(string text) => Assert.False(Triage(text).WantsHuman);

    [Fact]
    public void RepeatedFailedAnswersHandTheConversationToAPerson()
    {
        Assert.False(Triage("That doesn't answer my question.", "Where is my parcel for order 7781?").WantsHuman);
        Assert.True(Triage("This still doesn't help, I just want to know where it is", "Where is my parcel for order 7781?", "That doesn't answer my question.").WantsHuman);
    }

    [Fact]
    public void AskingTheSameQuestionAgainAfterAComplaintHandsOver()
    {
        Assert.True(Triage("where is my parcel for order 7781", "Where is my parcel for order 7781?", "that's not what I asked").WantsHuman);
    }

    [Fact]
    public void AFollowUpQuestionIsNotAFailedAnswer() =>
        Assert.False(Triage("And how much is express?", "How long does standard shipping take?").WantsHuman);

    [Theory]
    [InlineData("I'll be talking to my lawyer about this")]
    [InlineData("Please close my account and erase my data")]
    [InlineData("I want you to close down my old account")]
    [InlineData("delete my Northwind profile")]
    [InlineData("This is a GDPR subject access request")]
    [InlineData("the dye from the leggings gave me a rash and I had to see a doctor")]
    [InlineData("honestly I don't want to be alive anymore")]
    [InlineData("My husband passed away, how do I stop his orders?")]
    [InlineData("I'm taking you to small claims court")]
    public void SensitiveTopicsAreFlagged(string text) => Assert.True(Triage(text).Sensitive);

    [Theory]
    [InlineData("How do I change my password?")]
    [InlineData("Can I add an item to my account wishlist?")]
    [InlineData("Can I cancel my order?")]
    public void EverydayAccountQuestionsAreNotSensitive(string text) => Assert.False(Triage(text).Sensitive);

    [Theory]
    [InlineData("I was charged twice for order 1234")]
    [InlineData("you took the money two times?? I was billed twice")]
    [InlineData("my payment didn't go through but the money left my bank")]
    [InlineData("your checkout is down, nobody can pay")]
    [InlineData("someone used my card on your site, I didn't place this order")]
    [InlineData("the heated vest battery is overheating and smells burnt")]
    [InlineData("I need this sorted ASAP, it's for a funeral on Friday")]
    public void UrgentMessagesAreHighUrgency(string text) => Assert.Equal(Urgency.High, Triage(text).Urgency);

    [Theory]
    [InlineData("Do you have the fleece in smoke grey?")]
    [InlineData("How long does standard shipping take?")]
    [InlineData("Is the burnt orange beanie back in stock?")]
    public void CalmQuestionsAreNormalUrgency(string text) => Assert.Equal(Urgency.Normal, Triage(text).Urgency);

    [Theory]
    [InlineData("This is ridiculous, third time I'm asking")]
    [InlineData("WHERE IS MY ORDER I PAID TWO WEEKS AGO")]
    [InlineData("I'm so fed up with this")]
    [InlineData("really not happy with the quality!!!")]
    public void FrustrationIsNegativeSentiment(string text) => Assert.Equal(Sentiment.Negative, Triage(text).Sentiment);

    [Fact]
    public void APoliteQuestionIsNeutral() => Assert.Equal(Sentiment.Neutral, Triage("Hi! Could you tell me when my order ships? Thanks").Sentiment);
}
