using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Security;

/// <summary>
/// Two people (or one impatient double click) writing the same thing at once (issue 13 finding 12): no 500, and no
/// duplicate rows. Parallel first uploads of one document are in <c>DocumentIdTests</c>.
/// </summary>
public class ParallelWritesTests(SharedApp shared) : IClassFixture<SharedApp>, IAsyncLifetime
{
    private readonly SupportAgentApp app = shared.App;
    private readonly string acmeId = TenantIds.New("acme");
    private SupportAgentApp.TenantKeys keys = null!;
    private ChatClient chat = null!;

    public async Task InitializeAsync()
    {
        keys = await app.CreateTenantWithKnowledgeAsync(acmeId);
        chat = new ChatClient(app, acmeId, keys.Widget);
    }

    public Task DisposeAsync() { chat.Dispose(); return Task.CompletedTask; }

    [Fact]
    public async Task ParallelFeedbackOnOneAnswerIsStoredOnceWithoutAnError()
    {
        var conversation = await chat.StartAsync();
        var answer = await chat.AskAsync(conversation, "How long do I have to return an item?");
        var messageId = answer.GetProperty("messageId").GetString()!;

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => chat.FeedbackAsync(conversation, messageId, new { helpful = i % 2 == 0 })));

        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode, $"{(int)r.StatusCode}"));
        Assert.Equal(1, await app.InDatabaseAsync(db => db.Feedback.CountAsync(f => f.MessageId == messageId)));
    }

    [Fact]
    public async Task ParallelResolveAndSaveStoresOneApprovedAnswerAndTheRestAreConflicts()
    {
        var escalated = await chat.AskAsync(await chat.StartAsync(), "I want to talk to a person about engraving");
        var escalationId = escalated.GetProperty("escalationId").GetString()!;
        using var staff = app.ClientWithKey(keys.Staff);
        (await staff.PostAsJsonAsync($"/api/tenants/{acmeId}/escalations/{escalationId}/reply", new { text = "Engraving is free." })).EnsureSuccessStatusCode();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            staff.PostAsJsonAsync($"/api/tenants/{acmeId}/escalations/{escalationId}/resolve", new { saveAsApproved = true })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        foreach (var conflict in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
            Assert.Contains("already resolved", await conflict.AssertProblemAsync(HttpStatusCode.Conflict));
        Assert.Equal(1, await app.InDatabaseAsync(db => db.ApprovedAnswers.CountAsync(a => a.EscalationId == escalationId)));
        var body = await responses.Single(r => r.StatusCode == HttpStatusCode.OK).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("resolved", body.GetProperty("escalation").GetProperty("status").GetString());
    }
}

[OnPostgres]
public sealed class ParallelWritesTestsOnPostgres(SharedApp shared) : ParallelWritesTests(shared);
