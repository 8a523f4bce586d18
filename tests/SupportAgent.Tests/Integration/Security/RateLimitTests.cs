using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Security;

/// <summary>The public widget key must not let one client flood a tenant, nor a failed key be tried at speed.</summary>
/// <remarks>
/// Budgets are per tenant (a client is its tenant, role and address), so the tests that prove one limit share a server
/// configured with it and each takes tenants of its own; the failed-key budget is per address and only one test here
/// spends it. Tests that need the limits switched off, or the defaults, keep a server of their own.
/// </remarks>
[SlowCollection]
public sealed class RateLimitTests(RateLimitTests.LimitedApps limited) : IClassFixture<RateLimitTests.LimitedApps>, IDisposable
{
    private readonly List<SupportAgentApp> apps = [];

    /// <summary>The two limited servers the class shares, each started when a test first needs it.</summary>
    public sealed class LimitedApps : IDisposable
    {
        private readonly Lazy<SupportAgentApp> perClient = new(() => Limited(
            ("ConversationsPerClient", "3"), ("MessagesPerClient", "1"), ("UploadsPerClient", "1"), ("FailedSignInsPerAddress", "3")));
        // Apart: a tenant's budget of two messages must be reachable by one client, which a one-message client budget forbids.
        private readonly Lazy<SupportAgentApp> perTenant = new(() => Limited(("MessagesPerTenant", "2")));

        public SupportAgentApp PerClient => perClient.Value;
        public SupportAgentApp PerTenant => perTenant.Value;

        public void Dispose()
        {
            if (perClient.IsValueCreated) perClient.Value.Dispose();
            if (perTenant.IsValueCreated) perTenant.Value.Dispose();
        }
    }

    private static SupportAgentApp Limited(params (string Key, string Value)[] limits)
    {
        var app = new SupportAgentApp().With("SupportAgent:RateLimits:Enabled", "true");
        foreach (var (key, value) in limits) app.With($"SupportAgent:RateLimits:{key}", value);
        return app;
    }

    private SupportAgentApp App(params (string Key, string Value)[] limits)
    {
        var app = Limited(limits);
        apps.Add(app);
        return app;
    }

    public void Dispose() => apps.ForEach(a => a.Dispose());

    [Fact]
    public async Task AClientPastItsConversationBudgetGets429WithRetryAfter()
    {
        var app = limited.PerClient;
        var acme = TenantIds.New("acme");
        var keys = await app.CreateTenantAsync(acme);
        using var widget = app.ClientWithKey(keys.Widget);

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++) responses.Add(await widget.PostAsync($"/api/tenants/{acme}/conversations", null));

        Assert.All(responses.Take(3), r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Contains("Too many", await responses[3].AssertProblemAsync(HttpStatusCode.TooManyRequests));
        Assert.True(responses[3].Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(3, await app.InDatabaseAsync(db => db.Conversations.CountAsync(c => c.TenantId == acme)));
    }

    [Fact]
    public async Task ATenantsBudgetIsItsOwnAndDoesNotStopAnotherTenant()
    {
        var app = limited.PerTenant;
        var (acmeId, globexId) = (TenantIds.New("acme"), TenantIds.New("globex"));
        var acme = await app.CreateTenantWithKnowledgeAsync(acmeId);
        var globex = await app.CreateTenantWithKnowledgeAsync(globexId);
        using var acmeChat = new ChatClient(app, acmeId, acme.Widget);
        using var globexChat = new ChatClient(app, globexId, globex.Widget);
        var first = await acmeChat.StartAsync();
        var second = await acmeChat.StartAsync();

        var allowed = await acmeChat.PostAsync(first, "How long does shipping to Canada take?");
        var alsoAllowed = await acmeChat.PostAsync(second, "How do I return an item?");
        var refused = await acmeChat.PostAsync(second, "And to Mexico?");
        var otherTenant = await globexChat.PostAsync(await globexChat.StartAsync(), "How long does shipping to Canada take?");

        allowed.EnsureSuccessStatusCode();
        alsoAllowed.EnsureSuccessStatusCode();
        await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        otherTenant.EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task TheHubDrawsOnTheSameBudgetAsRest()
    {
        var app = limited.PerClient;
        var keys = await app.CreateTenantWithKnowledgeAsync(TenantIds.New("acme"));
        await using var hub = app.Hub(keys.Widget);
        await hub.StartAsync();
        var conversation = await hub.StartConversationAsync();
        await hub.AskAsync(conversation, "How long does shipping to Canada take?");

        var error = await Assert.ThrowsAsync<HubException>(() => hub.AskAsync(conversation, "And to Mexico?"));

        Assert.Contains("Too many", error.Message);
    }

    [Fact]
    public async Task UploadsPastTheBudgetGet429()
    {
        var app = limited.PerClient;
        var acme = TenantIds.New("acme");
        var keys = await app.CreateTenantAsync(acme);

        var first = await app.PostFilesAsync(acme, keys.Admin, ("a.md", "# A\nShipping takes five days."u8.ToArray()));
        var second = await app.PostFilesAsync(acme, keys.Admin, ("b.md", "# B\nReturns take ten days."u8.ToArray()));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        await second.AssertProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task RepeatedWrongKeysFromOneAddressGet429ButTheRightKeyStillWorks()
    {
        var app = limited.PerClient;
        var acme = TenantIds.New("acme");
        var keys = await app.CreateTenantAsync(acme);
        using var guesser = app.ClientWithKey("sa_admin_guess");
        using var console = app.CreateClient();

        var wrong = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++) wrong.Add(await guesser.GetAsync($"/api/tenants/{acme}/documents"));
        var throttled = await guesser.GetAsync($"/api/tenants/{acme}/documents");
        var consoleThrottled = await console.PostAsJsonAsync("/console/session", new { key = "sa_staff_guess" });
        using var admin = app.ClientWithKey(keys.Admin);
        var right = await admin.GetAsync($"/api/tenants/{acme}/documents");

        Assert.All(wrong, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        await throttled.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.NotNull(throttled.Headers.RetryAfter);
        await consoleThrottled.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        right.EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task SwitchedOffTheLimitsRefuseNothing()
    {
        var app = App(("ConversationsPerClient", "1"), ("Enabled", "false"));
        var keys = await app.CreateTenantAsync("acme");
        using var widget = app.ClientWithKey(keys.Widget);

        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Created, (await widget.PostAsync("/api/tenants/acme/conversations", null)).StatusCode);
    }

    [Fact]
    public async Task LaterEscalatedMessagesJoinTheConversationsOpenEscalation()
    {
        var app = App();
        var keys = await app.CreateTenantWithKnowledgeAsync("acme");
        using var chat = new ChatClient(app, "acme", keys.Widget);
        var conversation = await chat.StartAsync();

        var first = await chat.AskAsync(conversation, "I want to talk to a person");
        var second = await chat.AskAsync(conversation, "Please, a human, now");

        Assert.Equal("escalated", second.GetProperty("decision").GetString());
        Assert.Equal(first.GetProperty("escalationId").GetString(), second.GetProperty("escalationId").GetString());
        Assert.Equal(1, await app.InDatabaseAsync(db => db.Escalations.CountAsync()));
    }
}
