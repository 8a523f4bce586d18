using SupportAgent.Core.Handoff;

namespace SupportAgent.Tests.Unit;

public sealed class ApprovedAnswerMatcherTests
{
    private static ApprovedAnswer Pair(string question) =>
        new() { Id = question, TenantId = "t", Question = question, Answer = "a" };

    [Fact]
    public void TheSameQuestionWordedDifferentlyMatchesFully() =>
        Assert.Equal(1, ApprovedAnswerMatcher.Similarity("Do you engrave bottles?", "bottles: do you ENGRAVE them"), 3);

    [Fact]
    public void QuestionsWithoutSharedContentWordsDoNotMatch() =>
        Assert.Equal(0, ApprovedAnswerMatcher.Similarity("Do you engrave bottles?", "Where is my parcel?"));

    [Fact]
    public void AQuestionOfOnlyStopWordsMatchesNothing() =>
        Assert.Equal(0, ApprovedAnswerMatcher.Similarity("what is this?", "what is this?"));

    [Fact]
    public void TheClosestPairAboveTheThresholdWins()
    {
        var best = ApprovedAnswerMatcher.Best("Do you engrave steel bottles?",
            [Pair("Do you engrave glass bottles?"), Pair("Do you engrave steel bottles for free?"), Pair("Where is my parcel?")], 0.6);

        Assert.Equal("Do you engrave steel bottles for free?", best!.Value.Answer.Question);
    }

    [Fact]
    public void NothingBelowTheThresholdIsReturned() =>
        Assert.Null(ApprovedAnswerMatcher.Best("Do you engrave steel bottles?", [Pair("Can you gift wrap bottles?")], 0.75));
}
