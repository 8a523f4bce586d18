using SupportAgent.Core.Answering;
using SupportAgent.Core.Answering.Semantic;
using SupportAgent.Core.Handoff;
using SupportAgent.Core.Retrieval;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Unit.Answering;

/// <summary>Understanding with the shipped model: paraphrases that share no words with the article still find it.</summary>
public sealed class SemanticUnderstandingTests
{
    private static readonly SentenceEmbeddings Embeddings = new(ShippedModels.MiniLm);

    private static Passage P(string id, string title, string heading, string text) => new(new IndexedChunk(id, id, title, heading, text, null), 1, 0);

    private static readonly Passage[] Support =
    [
        P("contact", "Contact us and support hours", "Support hours",
            "Live chat and phone: Monday to Friday, 8:00 am to 8:00 pm Eastern Time. Weekends: live chat and phone are closed. Email and the contact form are open, and messages are answered from Monday morning."),
        P("loyalty", "Trail Rewards loyalty program", "Point expiry",
            "Points don't expire as long as your account is active. An account is active if you earn or redeem points at least once every 12 months. After 12 months with no activity, your points balance expires."),
    ];

    [Fact]
    public async Task ASentenceInTwoOverlappingChunksIsQuotedOnceFromTheBetterOne()
    {
        const string shared = "If water still soaks in, spray a DWR treatment onto the clean, damp jacket.";
        Passage[] overlapping =
        [
            P("care", "Product care", "Re-proofing", $"Wash the jacket and tumble dry it on low for 20 minutes. {shared}"),
            P("care", "Product care", "Re-proofing", $"{shared} Use a spray-on product for lined jackets and a wash-in product for unlined shells."),
        ];

        var answer = await new ExtractiveAnswerer(Embeddings).GenerateAsync(new AnswerRequest("t", "my jacket isnt waterproof anymore, water soaks in", overlapping, "p"), default);

        Assert.Contains($"{shared} [1]", answer.Text);
        Assert.Single(answer.Text.Split(shared).Skip(1));
    }

    [Fact]
    public async Task AParaphraseWithNoSharedWordsQuotesTheSentenceThatAnswersIt()
    {
        var answer = await new ExtractiveAnswerer(Embeddings).GenerateAsync(new AnswerRequest("t", "do my reward pts ever run out??", Support, "p"), default);

        Assert.Equal("loyalty", answer.Citations[0].DocumentId);
        Assert.Contains("Points don't expire as long as your account is active.", answer.Text);
        Assert.DoesNotContain("Monday", answer.Text);
    }

    [Fact]
    public async Task ConfidenceIsHighForTheAnsweringPassageAndLowForAnUnrelatedQuestion()
    {
        var confidence = new PassageConfidence(Embeddings);

        var asked = await confidence.ScoreAsync("are u guys open on the weekend", Support, default);
        var unrelated = await confidence.ScoreAsync("what's a good recipe for banana bread", Support, default);

        Assert.True(asked[0].Confidence > asked[1].Confidence, $"weekend hours scored {asked[0].Confidence:F3}, points {asked[1].Confidence:F3}");
        Assert.True(asked[0].Confidence > 3 * unrelated.Max(p => p.Confidence), $"weekend hours {asked[0].Confidence:F3}, banana bread {unrelated.Max(p => p.Confidence):F3}");
        Assert.All(unrelated, p => Assert.True(p.Confidence < 0.5, $"banana bread scored {p.Confidence:F3} on {p.Chunk.DocumentId}"));
    }

    [Fact]
    public async Task AnApprovedAnswerMatchesARewordedQuestionButNotADifferentOneOnTheSameTopic()
    {
        ApprovedAnswer Pair(string q) => new() { Id = q, TenantId = "t", Question = q, Answer = "a" };
        var approved = new[] { Pair("Can I return boots I have already worn outside?") };

        var reworded = await ApprovedAnswerMatcher.BestAsync("i wore my boots on a hike, can i still send them back?", approved, 0.75, Embeddings, default);
        var different = await ApprovedAnswerMatcher.BestAsync("how much does it cost to ship boots to Canada?", approved, 0.75, Embeddings, default);

        Assert.NotNull(reworded);
        Assert.Null(different);
    }
}
