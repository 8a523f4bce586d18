using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SupportAgent.Core.Retrieval;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Security;

/// <summary>
/// A tenant's life after creation (issue 13): its admin reads and changes it, keys are rotated and the old ones stop at
/// once, and the operator deletes it with everything it owns.
/// </summary>
public class TenantLifecycleTests(SharedApp shared) : IClassFixture<SharedApp>, IAsyncLifetime
{
    private readonly SupportAgentApp app = shared.App;
    private readonly string acmeId = TenantIds.New("acme");
    private readonly string globexId = TenantIds.New("globex");
    private SupportAgentApp.TenantKeys acme = null!;
    private SupportAgentApp.TenantKeys globex = null!;

    public async Task InitializeAsync()
    {
        acme = await app.CreateTenantAsync(acmeId);
        globex = await app.CreateTenantAsync(globexId);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<string> RotateAsync(HttpClient client, string tenant, string role)
    {
        var response = await client.PostAsync($"/api/tenants/{tenant}/keys/{role}/rotate", null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }

    [Fact]
    public async Task AnAdminChangesItsTenantsNameOriginsAndSomeSettingsAndTheRestStays()
    {
        using var admin = app.ClientWithKey(acme.Admin);

        var patched = await admin.PatchAsJsonAsync($"/api/tenants/{acmeId}", new
        {
            name = "Acme Outdoor", allowedOrigins = new[] { "https://outdoor.example/" }, settings = new { answerThreshold = 0.7, widgetGreeting = "Hello!" },
        });
        var tenant = await admin.GetFromJsonAsync<JsonElement>($"/api/tenants/{acmeId}");

        patched.EnsureSuccessStatusCode();
        Assert.Equal("Acme Outdoor", tenant.GetProperty("name").GetString());
        Assert.Equal(["https://outdoor.example"], tenant.GetProperty("allowedOrigins").EnumerateArray().Select(o => o.GetString()));
        var settings = tenant.GetProperty("settings");
        Assert.Equal(0.7, settings.GetProperty("answerThreshold").GetDouble());
        Assert.Equal("Hello!", settings.GetProperty("widgetGreeting").GetString());
        Assert.Equal(5, settings.GetProperty("topK").GetInt32()); // not given, not changed
        Assert.Equal(["admin", "staff", "widget"], tenant.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("role").GetString()));
        Assert.DoesNotContain(acme.Admin, tenant.ToString());
    }

    [Fact]
    public async Task ChangedAllowedOriginsDecideAtOnceWhereTheWidgetKeyWorks()
    {
        using var admin = app.ClientWithKey(acme.Admin);
        (await admin.PatchAsJsonAsync($"/api/tenants/{acmeId}", new { allowedOrigins = new[] { "https://new-shop.example" } })).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Created, (await StartFromAsync("https://new-shop.example")).StatusCode);
        await (await StartFromAsync("https://shop.example.com")).AssertProblemAsync(HttpStatusCode.Forbidden);

        async Task<HttpResponseMessage> StartFromAsync(string origin)
        {
            using var widget = app.ClientWithKey(acme.Widget);
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tenants/{acmeId}/conversations");
            request.Headers.Add("Origin", origin);
            return await widget.SendAsync(request);
        }
    }

    [Theory]
    [InlineData("""{"settings":{"answerThreshold":1.5}}""", "answerThreshold")]
    [InlineData("""{"settings":{"topK":0}}""", "topK")]
    [InlineData("""{"settings":{"chunkOverlapTokens":400}}""", "chunkOverlapTokens")]
    [InlineData("""{"settings":{"answerTreshold":0.2}}""", "answerTreshold")]
    [InlineData("""{"allowedOrigins":["javascript:alert(1)"]}""", "javascript:alert(1)")]
    [InlineData("""{"name":""}""", "name")]
    public async Task AChangeWithAValueOutOfRangeOrAnUnknownMemberIsA400AndChangesNothing(string body, string named)
    {
        using var admin = app.ClientWithKey(acme.Admin);
        var before = await admin.GetStringAsync($"/api/tenants/{acmeId}");

        var response = await admin.PatchAsync($"/api/tenants/{acmeId}", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Contains(named, await response.AssertProblemAsync(HttpStatusCode.BadRequest));
        Assert.Equal(before, await admin.GetStringAsync($"/api/tenants/{acmeId}"));
    }

    [Fact]
    public async Task KeysOfAnotherTenantOrAnotherRoleCannotReadChangeRotateOrDeleteATenant()
    {
        using var intruder = app.ClientWithKey(globex.Admin);
        using var staff = app.ClientWithKey(acme.Staff);
        using var widget = app.ClientWithKey(acme.Widget);
        using var admin = app.ClientWithKey(acme.Admin);

        foreach (var client in new[] { intruder, staff, widget })
        {
            await (await client.GetAsync($"/api/tenants/{acmeId}")).AssertProblemAsync(HttpStatusCode.Forbidden);
            await (await client.PatchAsJsonAsync($"/api/tenants/{acmeId}", new { name = "mine" })).AssertProblemAsync(HttpStatusCode.Forbidden);
            await (await client.PostAsync($"/api/tenants/{acmeId}/keys/admin/rotate", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
            await (await client.DeleteAsync($"/api/tenants/{acmeId}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        }
        await (await admin.DeleteAsync($"/api/tenants/{acmeId}")).AssertProblemAsync(HttpStatusCode.Forbidden); // only the operator deletes
        await (await intruder.GetAsync("/api/tenants/no-such-tenant")).AssertProblemAsync(HttpStatusCode.Forbidden); // no probing for tenants
        Assert.Equal($"Tenant {acmeId}", (await admin.GetFromJsonAsync<JsonElement>($"/api/tenants/{acmeId}")).GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/tenants/{acmeId}/documents")).StatusCode);
    }

    [Fact]
    public async Task ARotatedKeyIsRefusedAtOnceAndTheNewOneWorks()
    {
        using var admin = app.ClientWithKey(acme.Admin);
        using var @operator = app.ClientWithKey(SupportAgentApp.OperatorKey);

        var newStaff = await RotateAsync(admin, acmeId, "staff");
        var newAdmin = await RotateAsync(@operator, acmeId, "admin");

        using var oldStaff = app.ClientWithKey(acme.Staff);
        using var oldAdmin = app.ClientWithKey(acme.Admin);
        using var staff = app.ClientWithKey(newStaff);
        using var admin2 = app.ClientWithKey(newAdmin);
        await (await oldStaff.GetAsync($"/api/tenants/{acmeId}/escalations")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await oldAdmin.GetAsync($"/api/tenants/{acmeId}")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/tenants/{acmeId}/escalations")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin2.GetAsync($"/api/tenants/{acmeId}")).StatusCode);
        Assert.StartsWith("sa_staff_", newStaff);
        await (await admin2.PostAsync($"/api/tenants/{acmeId}/keys/operator/rotate", null)).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await @operator.PostAsync("/api/tenants/no-such-tenant/keys/admin/rotate", null)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RotatingTheWidgetKeyEndsConversationsOpenedWithTheOldOne()
    {
        await app.UploadAsync(acmeId, acme.Admin, TestKnowledge.Files);
        using var chat = new ChatClient(app, acmeId, acme.Widget);
        var conversation = await chat.StartAsync();
        using var admin = app.ClientWithKey(acme.Admin);

        var newWidget = await RotateAsync(admin, acmeId, "widget");

        await (await chat.PostAsync(conversation, "How long do I have to return an item?")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        using var withNewKey = app.ClientWithKey(newWidget);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tenants/{acmeId}/conversations/{conversation}/messages")
        {
            Content = JsonContent.Create(new { text = "How long do I have to return an item?" }),
        };
        request.Headers.Add("X-Conversation-Token", chat.TokenOf(conversation));
        await (await withNewKey.SendAsync(request)).AssertProblemAsync(HttpStatusCode.NotFound);
        using var fresh = new ChatClient(app, acmeId, newWidget);
        var answer = await fresh.AskAsync(await fresh.StartAsync(), "How long do I have to return an item?");
        Assert.Equal("answered", answer.GetProperty("decision").GetString());
        Assert.Equal(1, await app.InDatabaseAsync(db => db.Messages.CountAsync(m => m.TenantId == acmeId && m.Role == Core.Conversations.MessageRole.Customer)));
    }

    [Fact]
    public async Task DeletingATenantPurgesItsDocumentsIndexConversationsEscalationsAndModels()
    {
        await app.UploadAsync(acmeId, acme.Admin, TestKnowledge.Files);
        await app.UploadAsync(globexId, globex.Admin, TestKnowledge.Files);
        using var chat = new ChatClient(app, acmeId, acme.Widget);
        await chat.AskAsync(await chat.StartAsync(), "How long do I have to return an item?");
        await chat.AskAsync(await chat.StartAsync(), "I want to talk to a person please");
        using var admin = app.ClientWithKey(acme.Admin);
        var csv = "text,category\n" + string.Join("\n", Enumerable.Range(0, 6).SelectMany(i => new[] { $"where is parcel {i},shipping", $"refund for order {i},billing" }));
        (await admin.PostAsync($"/api/tenants/{acmeId}/triage/examples", new StringContent(csv, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        for (var i = 0; i < 1200 && await app.InDatabaseAsync(db => db.TriageModels.CountAsync(m => m.TenantId == acmeId)) == 0; i++) await Task.Delay(100); // up to 2 min on a loaded machine
        Assert.Equal(1, await app.InDatabaseAsync(db => db.TriageModels.CountAsync(m => m.TenantId == acmeId)));
        var index = app.Services.GetRequiredService<IKnowledgeIndex>();
        var query = new SearchQuery("return an item", 5);
        Assert.NotEmpty(await index.SearchAsync(acmeId, query, CancellationToken.None));
        using var @operator = app.ClientWithKey(SupportAgentApp.OperatorKey);

        var deleted = await @operator.DeleteAsync($"/api/tenants/{acmeId}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(await index.SearchAsync(acmeId, query, CancellationToken.None));
        Assert.NotEmpty(await index.SearchAsync(globexId, query, CancellationToken.None));
        var left = await app.InDatabaseAsync(async db => new[]
        {
            await db.Tenants.CountAsync(x => x.Id == acmeId), await db.ApiKeys.CountAsync(x => x.TenantId == acmeId),
            await db.Documents.CountAsync(x => x.TenantId == acmeId), await db.Chunks.CountAsync(x => x.TenantId == acmeId),
            await db.DocumentContents.CountAsync(x => x.TenantId == acmeId), await db.Conversations.CountAsync(x => x.TenantId == acmeId),
            await db.Messages.CountAsync(x => x.TenantId == acmeId), await db.Decisions.CountAsync(x => x.TenantId == acmeId),
            await db.Escalations.CountAsync(x => x.TenantId == acmeId), await db.TriageExamples.CountAsync(x => x.TenantId == acmeId),
            await db.Jobs.CountAsync(x => x.TenantId == acmeId), await db.TriageModels.CountAsync(x => x.TenantId == acmeId),
        });
        Assert.All(left, count => Assert.Equal(0, count));
        Assert.True(await app.InDatabaseAsync(db => db.Documents.AnyAsync(x => x.TenantId == globexId)));
        await (await admin.GetAsync($"/api/tenants/{acmeId}/documents")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await @operator.DeleteAsync($"/api/tenants/{acmeId}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}

[OnPostgres]
public sealed class TenantLifecycleTestsOnPostgres(SharedApp shared) : TenantLifecycleTests(shared);
