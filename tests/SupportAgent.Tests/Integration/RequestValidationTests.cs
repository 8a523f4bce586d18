using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration;

/// <summary>Request bodies carry their rules as annotations: a body that breaks them is a 400 naming each field, before any work is done.</summary>
public sealed class RequestValidationTests(SharedApp shared) : IClassFixture<SharedApp>, IAsyncLifetime
{
    private readonly SupportAgentApp app = shared.App;
    private readonly string acmeId = TenantIds.New("acme");
    private SupportAgentApp.TenantKeys acme = null!;

    public async Task InitializeAsync() => acme = await app.CreateTenantAsync(acmeId);

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The 400's <c>errors</c> map (field → messages), after checking it is a ProblemDetails with a readable detail.</summary>
    private static async Task<Dictionary<string, string[]>> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        var errors = problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.All(errors.Values.SelectMany(m => m), message => Assert.Contains(message, detail));
        return errors;
    }

    [Fact]
    public async Task ATenantRequestBreakingThreeRulesNamesAllThreeFieldsAndCreatesNothing()
    {
        using var client = app.ClientWithKey(SupportAgentApp.OperatorKey);

        var response = await client.PostAsJsonAsync("/api/tenants", new { id = "Not An Id", name = new string('n', 201), allowedOrigins = new[] { "ftp://shop.example.com" } });

        var errors = await ErrorsAsync(response);
        Assert.Equal(["allowedOrigins", "id", "name"], errors.Keys.Order());
        Assert.Contains("'id'", Assert.Single(errors["id"]));
        Assert.Contains("ftp://shop.example.com", Assert.Single(errors["allowedOrigins"]));
        Assert.Equal(0, await app.InDatabaseAsync(db => db.Tenants.CountAsync(t => t.Id == "Not An Id")));
    }

    [Fact]
    public async Task ABlankCustomerMessageIsRejectedBeforeTheAgentRunsAndNothingIsWritten()
    {
        using var chat = new ChatClient(app, acmeId, acme.Widget);
        var conversation = await chat.StartAsync();

        var errors = await ErrorsAsync(await chat.PostAsync(conversation, "  "));

        Assert.Contains("empty", Assert.Single(errors["text"]));
        Assert.Equal(0, await app.InDatabaseAsync(db => db.Messages.CountAsync(m => m.TenantId == acmeId)));
    }

    [Fact]
    public async Task FeedbackWithoutAVerdictNamesTheMissingField()
    {
        using var chat = new ChatClient(app, acmeId, acme.Widget);
        var conversation = await chat.StartAsync();

        var errors = await ErrorsAsync(await chat.FeedbackAsync(conversation, "m_unknown", new { }));

        Assert.Equal("Send {\"helpful\": true|false}.", Assert.Single(errors["helpful"]));
    }

    [Fact]
    public async Task ASignInWithABlankKeyNamesTheMissingKey()
    {
        using var browser = app.CreateClient();

        var errors = await ErrorsAsync(await browser.PostAsJsonAsync("/console/session", new { key = "  " }));

        Assert.Contains("staff or admin key", Assert.Single(errors["key"]));
    }

    [Fact]
    public async Task AnApprovedAnswerWithoutTextIsRejectedFieldByField()
    {
        using var client = app.ClientWithKey(acme.Admin);

        var errors = await ErrorsAsync(await client.PostAsJsonAsync($"/api/tenants/{acmeId}/approved-answers", new { question = "", answer = new string('a', 8001) }));

        Assert.Equal("'question' must not be empty.", Assert.Single(errors["question"]));
        Assert.Equal("'answer' must be at most 8000 characters.", Assert.Single(errors["answer"]));
    }
}
