using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration;

public class BadInputTests(SharedApp shared) : IClassFixture<SharedApp>, IAsyncLifetime
{
    private readonly SupportAgentApp app = shared.App;
    private readonly string acmeId = TenantIds.New("acme");
    private readonly string globexId = TenantIds.New("globex");
    private SupportAgentApp.TenantKeys acme = null!;
    private SupportAgentApp.TenantKeys globex = null!;

    public async Task InitializeAsync()
    {
        acme = await app.CreateTenantWithKnowledgeAsync(acmeId);
        globex = await app.CreateTenantAsync(globexId);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<int> MessageCountAsync() => app.InDatabaseAsync(db => db.Messages.CountAsync(x => x.TenantId == acmeId));

    [Fact]
    public async Task AnEmptyMessageIsRejectedWith400AndNothingIsWritten()
    {
        using var chat = new ChatClient(app, acmeId, acme.Widget);
        var conversation = await chat.StartAsync();

        var detail = await (await chat.PostAsync(conversation, "   ")).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("empty", detail);
        Assert.Equal(0, await MessageCountAsync());
    }

    [Fact]
    public async Task AnOverLongMessageIsRejectedWith400AndNothingIsWritten()
    {
        using var chat = new ChatClient(app, acmeId, acme.Widget);
        var conversation = await chat.StartAsync();

        var detail = await (await chat.PostAsync(conversation, new string('a', 4001))).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("4000", detail);
        Assert.Equal(0, await MessageCountAsync());
    }

    [Fact]
    public async Task AMessageToAnUnknownConversationIsA404()
    {
        using var chat = new ChatClient(app, acmeId, acme.Widget);

        var detail = await (await chat.PostAsync("c_does_not_exist", "hello")).AssertProblemAsync(HttpStatusCode.NotFound);

        Assert.Contains("c_does_not_exist", detail);
        Assert.Equal(0, await MessageCountAsync());
    }

    [Fact]
    public async Task AConversationOfAnotherTenantIsNotFoundEvenWithAValidKeyForTheRoute()
    {
        using var acmeChat = new ChatClient(app, acmeId, acme.Widget);
        var acmeConversation = await acmeChat.StartAsync();
        using var globexChat = new ChatClient(app, globexId, globex.Widget);

        await (await globexChat.PostAsync(acmeConversation, "hello")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0, await MessageCountAsync());
    }

    [Fact]
    public async Task WidgetKeyOfOtherTenantIsRejected()
    {
        using var chat = new ChatClient(app, acmeId, globex.Widget);

        var detail = await (await chat.PostAsync("any", "hello")).AssertProblemAsync(HttpStatusCode.Forbidden);

        Assert.Contains(acmeId, detail);
    }

    [Fact]
    public async Task AdminKeyOfOtherTenantCannotListItsDocuments()
    {
        using var client = app.ClientWithKey(globex.Admin);

        await (await client.GetAsync($"/api/tenants/{acmeId}/documents")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AnUnknownTenantIsForbiddenToEveryTenantKey()
    {
        using var client = app.ClientWithKey(acme.Widget);

        await (await client.PostAsync("/api/tenants/nosuchtenant/conversations", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AMissingKeyIsA401WithProblemDetails()
    {
        using var client = app.ClientWithKey(null);

        var detail = await (await client.PostAsync($"/api/tenants/{acmeId}/conversations", null)).AssertProblemAsync(HttpStatusCode.Unauthorized);

        Assert.Contains("X-Api-Key", detail);
    }

    [Fact]
    public async Task AWrongKeyIsA401()
    {
        using var client = app.ClientWithKey("sa_widget_not-a-real-key");

        await (await client.PostAsync($"/api/tenants/{acmeId}/conversations", null)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(0, await app.InDatabaseAsync(db => db.Conversations.CountAsync(x => x.TenantId == acmeId)));
    }

    [Fact]
    public async Task AWidgetKeyCannotUploadDocuments()
    {
        var response = await app.UploadAsync(acmeId, acme.Widget, ("note.md", "# Note\n\nText."));

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ATenantKeyCannotCreateTenants()
    {
        using var client = app.ClientWithKey(acme.Admin);

        await (await client.PostAsJsonAsync("/api/tenants", new { id = "evil" })).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AnUnknownRouteIsA404ProblemNotAnHtmlPage()
    {
        using var client = app.ClientWithKey(null);

        var detail = await (await client.GetAsync("/no/such/page")).AssertProblemAsync(HttpStatusCode.NotFound);

        Assert.Contains("/no/such/page", detail);
    }

    [Theory]
    [InlineData("UPPER")]
    [InlineData("x")]
    [InlineData("has space")]
    public async Task AnInvalidTenantIdIsRejectedWith400(string id)
    {
        using var client = app.ClientWithKey(SupportAgentApp.OperatorKey);

        var detail = await (await client.PostAsJsonAsync("/api/tenants", new { id })).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("'id'", detail);
    }

    [Fact]
    public async Task CreatingAnExistingTenantAgainIsAConflict()
    {
        using var client = app.ClientWithKey(SupportAgentApp.OperatorKey);

        await (await client.PostAsJsonAsync("/api/tenants", new { id = acmeId })).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task AMalformedJsonBodyIsA400Problem()
    {
        using var chat = new ChatClient(app, acmeId, acme.Widget);
        var conversation = await chat.StartAsync();
        using var client = app.ClientWithKey(acme.Widget);
        client.DefaultRequestHeaders.Add("X-Conversation-Token", chat.TokenOf(conversation));

        var response = await client.PostAsync($"/api/tenants/{acmeId}/conversations/{conversation}/messages",
            new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(0, await MessageCountAsync());
    }
}

[OnPostgres]
public sealed class BadInputTestsOnPostgres(SharedApp shared) : BadInputTests(shared);
