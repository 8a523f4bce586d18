using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using SupportAgent.Core.Generation;
using SupportAgent.Core.Retrieval.Condensing;

namespace SupportAgent.Tests.Unit.Retrieval;

public sealed class CondensationTests
{
    // Titles as a knowledge base of places would have them: names are rare across titles, topic words common.
    private static readonly Func<string, bool> IsEntity = TitleVocabulary.Build(
    [
        .. Enumerable.Range(0, 20).SelectMany(i => new[] { $"Hotel {i}: Is there parking?", $"Hotel {i}: Is breakfast included?" }),
        "Avalon Hotel: Is there parking?", "Avalon Hotel: guest review", "Hobsons House: Is breakfast included?", "Hobsons House: guest review",
    ]);

    private static ConversationTurn Customer(string text) => new(true, text);
    private static ConversationTurn Agent(string text) => new(false, text);

    [Fact]
    public void AFollowUpWithoutANameBorrowsTheEntityTheAgentLastNamed()
    {
        var query = LexicalCondensation.Condense("Do they have free parking for cars?",
            [Customer("I need a hotel in the north."), Agent("The Avalon is in the north."), Customer("Is it expensive?"), Agent("It is moderately priced.")], IsEntity);

        Assert.Equal(["avalon"], query.Subject);
        Assert.Equal("Do they have free parking for cars?", query.Text);
    }

    [Fact]
    public void TheMostRecentlyNamedEntityWins()
    {
        var query = LexicalCondensation.Condense("Is breakfast included there?",
            [Agent("The Avalon is full, sorry."), Customer("Any other guesthouse?"), Agent("Hobsons House has rooms.")], IsEntity);

        Assert.Equal(["hobsons", "house"], query.Subject);
    }

    [Fact]
    public void AQuestionThatNamesItsEntityIsSearchedAsAsked()
    {
        var question = "Does the Avalon have a parking garage for guests?";
        Assert.Equal(new CondensedQuery(question, []).ToString(), LexicalCondensation.Condense(question, [Agent("Hobsons House has rooms.")], IsEntity).ToString());
    }

    [Fact]
    public void AShortFollowUpKeepsThePreviousCustomerTopic()
    {
        var query = LexicalCondensation.Condense("And to Canada?", [Customer("How long does shipping take?"), Agent("3 to 5 days.")], _ => false);

        Assert.Equal("And to Canada? shipping", query.Text);
    }

    [Fact]
    public async Task WithAChatModelRoutedTheModelsRewriteIsSearchedWithTheQuestion()
    {
        var client = new FakeChatClient(_ => "Avalon hotel outdoor dining");
        var condenser = Condenser(new FixedRouter(new ChatRoute(client, "base-model")));

        var query = await condenser.CondenseAsync("acme", "Do they have outdoor dining?", [Agent("The Avalon is lovely.")], default);

        Assert.Equal("Avalon hotel outdoor dining Do they have outdoor dining?", query.Text);
        Assert.Contains("The Avalon is lovely.", client.LastPrompt);
        Assert.Equal("base-model", client.LastModel);
    }

    [Fact]
    public async Task WhenTheChatModelFailsTheLexicalCondensationIsUsedAndTheFailureReported()
    {
        var router = new FixedRouter(new ChatRoute(new FakeChatClient(_ => throw new HttpRequestException("503")), "base-model"));

        var query = await Condenser(router).CondenseAsync("acme", "And to Canada?", [Customer("How long does shipping take?")], default);

        Assert.Equal("And to Canada? shipping", query.Text);
        Assert.Equal([false], router.Reports);
    }

    private static QueryCondenser Condenser(IChatModelRouter router) => new(new NoEntities(), router, new ChatKernels(), TimeProvider.System, NullLogger<QueryCondenser>.Instance);

    private sealed class NoEntities : IEntityVocabulary
    {
        public Task<Func<string, bool>> EntityTermsAsync(string tenantId, CancellationToken ct) => Task.FromResult<Func<string, bool>>(_ => false);
    }

    private sealed class FixedRouter(ChatRoute route) : IChatModelRouter
    {
        public List<bool> Reports { get; } = [];
        public ValueTask<IReadOnlyList<ChatRoute>> RoutesAsync(string tenantId, RoutePreference preference, CancellationToken ct) => ValueTask.FromResult<IReadOnlyList<ChatRoute>>([route]);
        public ValueTask ReportAsync(string tenantId, ChatRoute r, bool succeeded, CancellationToken ct) { Reports.Add(succeeded); return ValueTask.CompletedTask; }
    }

    private sealed class FakeChatClient(Func<string, string> reply) : IChatClient
    {
        public string LastPrompt { get; private set; } = "";
        public string? LastModel { get; private set; }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            LastPrompt = string.Join("\n", messages.Select(m => m.Text));
            LastModel = options?.ModelId;
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, reply(LastPrompt))));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("fake", null, "base-model") : null;

        public void Dispose() { }
    }
}

public sealed class TitleVocabularyTests
{
    [Fact]
    public void ATitleWordThatIsCommonInPassagesIsATopicNotAName()
    {
        string[] titles = ["Avalon: Do rooms have a view?", "Avalon: guest review", "Hobsons House: Is parking free?", "Hobsons House: guest review"];
        string[] passages = [.. Enumerable.Range(0, 200).Select(i => $"Our room {i} was clean and the parking was easy."), "The Avalon garden is lovely."];

        var isEntity = TitleVocabulary.Build(titles, passages);

        Assert.True(isEntity("avalon"));
        Assert.True(isEntity("hobson"));
        Assert.False(isEntity("room"));
        Assert.False(isEntity("park"));
    }

    [Fact]
    public void ATitleWordThatPassagesUseMoreOftenThanItsTitlesIsATopicNotAName()
    {
        // "reliable" is in only two titles, but reviews everywhere use it: a customer saying it names no entity.
        string[] titles = [.. Enumerable.Range(0, 100).Select(i => $"Place {i}: guest review"), "Warkworth House: Is the wifi reliable?",
            "Avalon: Is the shuttle reliable?", "Warkworth House: guest review", "Warkworth House: Is parking free?"];
        string[] passages = [.. Enumerable.Range(0, 1000).Select(i => i % 50 == 0 ? $"Review {i}: reliable and friendly staff." : $"Review {i}: a pleasant stay."),
            "Warkworth House has free parking.", "The wifi at Warkworth House is fast."];

        var isEntity = TitleVocabulary.Build(titles, passages);

        Assert.True(isEntity("warkworth"));
        Assert.False(isEntity("reliabl"));
    }
}
