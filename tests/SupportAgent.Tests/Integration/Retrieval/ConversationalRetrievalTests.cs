using System.Net.Http.Json;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Retrieval;

/// <summary>Follow-up questions that only make sense with the earlier turns, through the real chat endpoint.</summary>
public sealed class ConversationalRetrievalTests(SharedApp shared) : IClassFixture<SharedApp>
{
    private const string Avalon = """
        # Avalon Hotel

        ## Dining
        The Avalon has a garden terrace with outdoor dining from May to September, and a bar open until midnight.
        """;

    private const string Hobsons = """
        # Hobsons House

        ## Dining
        Hobsons House serves breakfast in the conservatory; outdoor dining is not offered, but picnic baskets are.
        """;

    private readonly SupportAgentApp app = shared.App;
    private readonly string innsId = TenantIds.New("inns");

    [Theory]
    [InlineData("Tell me about the Avalon hotel, please.", "avalon")]
    [InlineData("I am looking at Hobsons House for two nights.", "hobsons")]
    public async Task AFollowUpWithoutANameIsAnsweredAboutTheEntityTheConversationIsAbout(string opening, string expectedDocument)
    {
        var keys = await app.CreateTenantAsync(innsId);
        (await app.UploadAsync(innsId, keys.Admin, ("avalon.md", Avalon), ("hobsons.md", Hobsons))).EnsureSuccessStatusCode();
        using var chat = new Integration.ChatClient(app, innsId, keys.Widget);
        var conversation = await chat.StartAsync();

        await chat.AskAsync(conversation, opening);
        var reply = await chat.AskAsync(conversation, "Do they have outdoor dining?");

        Assert.Equal("answered", reply.GetProperty("decision").GetString());
        Assert.Equal(expectedDocument, reply.GetProperty("citations")[0].GetProperty("documentId").GetString());
    }

    [Fact]
    public async Task AnEntityNamedLongBeforeTheRecentTurnsIsStillWhatAFollowUpIsAbout()
    {
        var keys = await app.CreateTenantAsync(innsId);
        (await app.UploadAsync(innsId, keys.Admin, ("avalon.md", Avalon), ("hobsons.md", Hobsons))).EnsureSuccessStatusCode();
        // Eight exchanges of booking chatter after the name: more than the six recent turns kept for the topic.
        var chatter = string.Concat(Enumerable.Repeat(
            """,{"role":"user","text":"We arrive on Friday evening."},{"role":"assistant","text":"Noted, anything else?"}""", 8));
        var @case = $$"""{"id":"late","question":"Do they have outdoor dining?","history":[{"role":"user","text":"Tell me about the Avalon hotel, please."},{"role":"assistant","text":"Happy to help."}{{chatter}}],"expectedSources":["avalon"]}""";

        using var admin = app.ClientWithKey(keys.Admin);
        var response = await admin.PostAsync($"/api/tenants/{innsId}/evaluations", new StringContent(@case, System.Text.Encoding.UTF8, "application/x-ndjson"));
        response.EnsureSuccessStatusCode();
        var report = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();

        Assert.Equal(1.0, report.GetProperty("metrics").GetProperty("hitAt1").GetProperty("value").GetDouble());
    }
}
