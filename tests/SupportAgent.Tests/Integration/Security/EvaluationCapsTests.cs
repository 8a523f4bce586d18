using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Security;

/// <summary>Evaluation runs are bounded like customer input (issue 13 finding 9): cases, question and history lengths, body size.</summary>
public sealed class EvaluationCapsTests(SharedApp shared) : IClassFixture<SharedApp>, IAsyncLifetime
{
    private readonly SupportAgentApp app = shared.App;
    private readonly string acmeId = TenantIds.New("acme");
    private SupportAgentApp.TenantKeys keys = null!;

    public async Task InitializeAsync() => keys = await app.CreateTenantAsync(acmeId);
    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<HttpResponseMessage> RunAsync(string jsonl)
    {
        using var admin = app.ClientWithKey(keys.Admin);
        return await admin.PostAsync($"/api/tenants/{acmeId}/evaluations", new StringContent(jsonl, Encoding.UTF8, "application/x-ndjson"));
    }

    [Fact]
    public async Task ARunOfMoreCasesThanTheCapIsRefusedBeforeAnyRuns()
    {
        var jsonl = string.Join("\n", Enumerable.Range(0, 1001).Select(i => $$"""{"id":"q{{i}}","question":"Where is my parcel?"}"""));

        Assert.Contains("At most 1000 cases", await (await RunAsync(jsonl)).AssertProblemAsync(HttpStatusCode.BadRequest));
        Assert.Equal(0, await app.InDatabaseAsync(db => db.Conversations.CountAsync(x => x.TenantId == acmeId)));
    }

    [Fact]
    public async Task AQuestionOrHistoryLongerThanACustomerMessageMayBeIsRefused()
    {
        var longText = new string('a', 4001);

        var question = await (await RunAsync($$"""{"id":"long","question":"{{longText}}"}""")).AssertProblemAsync(HttpStatusCode.BadRequest);
        var history = await (await RunAsync($$"""{"id":"hist","question":"hi","history":[{"role":"user","text":"{{longText}}"}]}""")).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("'long'", question);
        Assert.Contains("'hist'", history);
        Assert.Equal(0, await app.InDatabaseAsync(db => db.Conversations.CountAsync(x => x.TenantId == acmeId)));
    }

    [Fact]
    public async Task ABodyPastTheSizeLimitIsA413()
    {
        var jsonl = string.Join("\n", Enumerable.Range(0, 2000).Select(i => $$"""{"id":"q{{i}}","question":"{{new string('b', 3000)}}"}"""));

        await (await RunAsync(jsonl)).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }
}
