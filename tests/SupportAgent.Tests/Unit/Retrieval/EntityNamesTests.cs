using SupportAgent.Core.Retrieval.Condensing;

namespace SupportAgent.Tests.Unit.Retrieval;

public sealed class EntityNamesTests
{
    // Titles as a knowledge base of places writes them: "Name: question", several per place.
    private static readonly EntityNames Names = EntityNames.Build(
    [
        .. new[] { "Pizza Hut Fen Ditton", "Rajmahal", "City Centre North B and B", "City Stop Restaurant", "Worth House", "Avalon Hotel",
            "Golden Curry Restaurant", "Acorn Guest House", "Bridge Guest House", "Alpha Guest House", "Kohinoor Restaurant" }
            .SelectMany(name => new[] { $"{name}: Is there parking?", $"{name}: guest review" }),
    ]);

    private static ConversationTurn Customer(string text) => new(true, text);
    private static ConversationTurn Agent(string text) => new(false, text);

    [Fact]
    public void AnAddressThatSharesPartOfAnotherPlacesNameDoesNotMentionIt()
    {
        Assert.Equal(["rajmahal"], Names.Mentioned("How about Rajmahal? They're at 7 Barnwell Road Fen Ditton."));
    }

    [Fact]
    public void AnEverydayWordFromANameDoesNotMentionItWithoutTheRestOfTheName()
    {
        Assert.Empty(Names.Mentioned("I would like somewhere in the north."));
        Assert.Empty(Names.Mentioned("Is it near the city centre?"));
        Assert.Equal(["city", "stop"], Names.Mentioned("The city stop restaurant is in that area."));
    }

    [Fact]
    public void AWordEveryKindOfPlaceSharesIsNotNeededToMentionAName()
    {
        Assert.Equal(["acorn"], Names.Mentioned("May I suggest Acorn Guesthouse?"));
    }

    [Fact]
    public void AFollowUpIsAboutTheWholeNameTheConversationLastMentioned()
    {
        var query = LexicalCondensation.Condense("Do they have large portions?",
            [Customer("Indian food in the east, please."), Agent("How about Rajmahal? They're at 7 Barnwell Road Fen Ditton.")], _ => true, Names);

        Assert.Equal(["rajmahal"], query.Subject);
    }

    [Fact]
    public void TitlesWithoutANameBeforeASeparatorGiveNoNames()
    {
        Assert.True(EntityNames.Build(["Returns policy", "Tracking your order", "Exchanges"]).IsEmpty);
    }
}
