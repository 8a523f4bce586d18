using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration;

/// <summary>The feedback loop: a staff reply saved on resolve answers the next such question directly.</summary>
public class ApprovedAnswerTests(SharedApp shared) : IClassFixture<SharedApp>, IAsyncLifetime
{
    private const string Question = "Do you offer engraving on the steel water bottles?";
    private const string StaffAnswer = "Yes: engraving on steel bottles is free, up to 20 characters; add it on the product page before checkout.";
    private readonly SupportAgentApp app = shared.App;
    private readonly string acmeId = TenantIds.New("acme");
    private readonly string globexId = TenantIds.New("globex");
    private SupportAgentApp.TenantKeys keys = null!;
    private ChatClient chat = null!;

    public async Task InitializeAsync()
    {
        keys = await app.CreateTenantWithKnowledgeAsync(acmeId);
        chat = new ChatClient(app, acmeId, keys.Widget);
    }

    public Task DisposeAsync() { chat.Dispose(); return Task.CompletedTask; }

    [Fact]
    public async Task AResolvedEscalationSavedAsApprovedAnswersTheNextSimilarQuestionDirectly()
    {
        var first = await chat.AskAsync(await chat.StartAsync(), Question);
        Assert.Equal("escalated", first.GetProperty("decision").GetString());
        var approved = await ReplyAndResolveAsync(first.GetProperty("escalationId").GetString()!);
        Assert.Equal(Question, approved.GetProperty("question").GetString());
        Assert.Equal(StaffAnswer, approved.GetProperty("answer").GetString());

        var next = await chat.AskAsync(await chat.StartAsync(), "Do you do engraving on steel water bottles?");

        Assert.Equal("answered", next.GetProperty("decision").GetString());
        Assert.Equal(StaffAnswer, next.GetProperty("reply").GetString());
        Assert.Equal("approved-answer", next.GetProperty("model").GetString());
        var citation = Assert.Single(next.GetProperty("citations").EnumerateArray());
        Assert.Equal("approved-answer", citation.GetProperty("documentId").GetString());
        Assert.Equal("Approved answer", citation.GetProperty("title").GetString());
        Assert.Equal(approved.GetProperty("id").GetString(), citation.GetProperty("chunkId").GetString());
        var messageId = next.GetProperty("messageId").GetString();
        var decision = await app.InDatabaseAsync(db => db.Decisions.AsNoTracking().SingleAsync(d => d.ReplyMessageId == messageId));
        Assert.Equal("approved-answer", decision.Model);
        Assert.Null(decision.Reason);
        Assert.True(decision.TopScore >= 0.75);
        Assert.Equal(1, await app.InDatabaseAsync(db => db.ApprovedAnswers.Where(x => x.TenantId == acmeId).Select(a => a.Hits).SingleAsync()));
    }

    [Fact]
    public async Task AQuestionThatOnlySharesATopicWithAnApprovedOneIsNotGivenItsReply()
    {
        await CreateApprovedAsync(Question, StaffAnswer);

        var reply = await chat.AskAsync(await chat.StartAsync(), "Can you gift wrap the water bottles?");

        Assert.NotEqual(StaffAnswer, reply.GetProperty("reply").GetString());
        Assert.NotEqual("approved-answer", reply.GetProperty("model").GetString());
    }

    [Fact]
    public async Task ACustomerAskingForAPersonIsEscalatedEvenWhenTheQuestionMatchesAnApprovedOne()
    {
        await CreateApprovedAsync("Can I talk to a person about engraving?", StaffAnswer);

        var reply = await chat.AskAsync(await chat.StartAsync(), "Can I talk to a person about engraving?");

        Assert.Equal("escalated", reply.GetProperty("decision").GetString());
        Assert.Equal("wants_human", reply.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task KnowledgeQuestionsStillGoToTheKnowledgeBaseWhenApprovedAnswersExist()
    {
        await CreateApprovedAsync(Question, StaffAnswer);

        var reply = await chat.AskAsync(await chat.StartAsync(), "How long does shipping to Canada take?");

        Assert.Equal("international-shipping", reply.GetProperty("citations")[0].GetProperty("documentId").GetString());
    }

    [Fact]
    public async Task AdminsListEditAndDeleteApprovedAnswers()
    {
        using var admin = app.ClientWithKey(keys.Admin);
        var created = await CreateApprovedAsync(Question, StaffAnswer);
        var id = created.GetProperty("id").GetString();

        var edited = await admin.PutAsJsonAsync($"/api/tenants/{acmeId}/approved-answers/{id}", new { question = Question, answer = "Engraving is free." });
        var list = await admin.GetFromJsonAsync<JsonElement>($"/api/tenants/{acmeId}/approved-answers");
        var deleted = await admin.DeleteAsync($"/api/tenants/{acmeId}/approved-answers/{id}");
        var again = await admin.DeleteAsync($"/api/tenants/{acmeId}/approved-answers/{id}");

        edited.EnsureSuccessStatusCode();
        Assert.Equal("Engraving is free.", Assert.Single(list.GetProperty("approvedAnswers").EnumerateArray()).GetProperty("answer").GetString());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await again.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0, await app.InDatabaseAsync(db => db.ApprovedAnswers.CountAsync(x => x.TenantId == acmeId)));
    }

    [Fact]
    public async Task ApprovedAnswersRefuseEmptyTextStaffKeysAndOtherTenants()
    {
        var globex = await app.CreateTenantAsync(globexId);
        using var admin = app.ClientWithKey(keys.Admin);
        using var staff = app.ClientWithKey(keys.Staff);
        using var otherAdmin = app.ClientWithKey(globex.Admin);

        var empty = await admin.PostAsJsonAsync($"/api/tenants/{acmeId}/approved-answers", new { question = "Engraving?", answer = " " });
        var byStaff = await staff.GetAsync($"/api/tenants/{acmeId}/approved-answers");
        var byOtherTenant = await otherAdmin.GetAsync($"/api/tenants/{acmeId}/approved-answers");

        Assert.Contains("answer", await empty.AssertProblemAsync(HttpStatusCode.BadRequest));
        await byStaff.AssertProblemAsync(HttpStatusCode.Forbidden);
        await byOtherTenant.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(0, await app.InDatabaseAsync(db => db.ApprovedAnswers.CountAsync(x => x.TenantId == acmeId)));
    }

    private async Task<JsonElement> ReplyAndResolveAsync(string escalationId)
    {
        using var staff = app.ClientWithKey(keys.Staff);
        (await staff.PostAsJsonAsync($"/api/tenants/{acmeId}/escalations/{escalationId}/reply", new { text = StaffAnswer })).EnsureSuccessStatusCode();
        var resolved = await staff.PostAsJsonAsync($"/api/tenants/{acmeId}/escalations/{escalationId}/resolve", new { saveAsApproved = true });
        resolved.EnsureSuccessStatusCode();
        var body = await resolved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("resolved", body.GetProperty("escalation").GetProperty("status").GetString());
        return body.GetProperty("approvedAnswer");
    }

    private async Task<JsonElement> CreateApprovedAsync(string question, string answer)
    {
        using var admin = app.ClientWithKey(keys.Admin);
        var response = await admin.PostAsJsonAsync($"/api/tenants/{acmeId}/approved-answers", new { question, answer });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

[OnPostgres]
public sealed class ApprovedAnswerTestsOnPostgres(SharedApp shared) : ApprovedAnswerTests(shared);
