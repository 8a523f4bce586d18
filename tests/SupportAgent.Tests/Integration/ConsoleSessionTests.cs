using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration;

public class ConsoleSessionTests(SharedApp shared) : IClassFixture<SharedApp>, IAsyncLifetime
{
    private readonly SupportAgentApp app = shared.App;
    private readonly string acmeId = TenantIds.New("acme");
    private SupportAgentApp.TenantKeys keys = null!;

    public async Task InitializeAsync() => keys = await app.CreateTenantAsync(acmeId);
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AStaffKeySignsInToAStrictHttpOnlyCookieThatOpensTheTenantsApi()
    {
        using var browser = app.CreateClient(); // keeps cookies like a browser

        var signIn = await browser.PostAsJsonAsync("/console/session", new { key = keys.Staff });
        var queue = await browser.GetAsync($"/api/tenants/{acmeId}/escalations");
        var otherTenant = await browser.GetAsync("/api/tenants/globex/escalations");

        signIn.EnsureSuccessStatusCode();
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single();
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
        await otherTenant.AssertProblemAsync(HttpStatusCode.Forbidden);
        var session = await browser.GetFromJsonAsync<JsonElement>("/console/session");
        Assert.Equal("staff", session.GetProperty("role").GetString());
    }

    [Fact]
    public async Task AWidgetKeyCannotSignInToTheConsole()
    {
        using var browser = app.CreateClient();

        var signIn = await browser.PostAsJsonAsync("/console/session", new { key = keys.Widget });

        Assert.Contains("staff or admin", await signIn.AssertProblemAsync(HttpStatusCode.Unauthorized));
        Assert.False(signIn.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task WithoutASessionTheApiAnswers401RatherThanARedirect()
    {
        using var browser = app.CreateClient();

        await (await browser.GetAsync($"/api/tenants/{acmeId}/escalations")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await browser.GetAsync("/console/session")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SigningOutEndsTheSession()
    {
        using var browser = app.CreateClient();
        (await browser.PostAsJsonAsync("/console/session", new { key = keys.Admin })).EnsureSuccessStatusCode();

        await browser.DeleteAsync("/console/session");

        await (await browser.GetAsync($"/api/tenants/{acmeId}/escalations")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TheWidgetScriptAndConsolePageAreServed()
    {
        using var client = app.CreateClient();

        var widget = await client.GetAsync("/widget.js");
        var console = await client.GetStringAsync("/console");

        Assert.Equal(HttpStatusCode.OK, widget.StatusCode);
        Assert.Equal("text/javascript", widget.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/hubs/chat", await widget.Content.ReadAsStringAsync()); // the bundle, with the SignalR client inside
        Assert.Contains("#/analytics", console);
    }
}

[OnPostgres]
public sealed class ConsoleSessionTestsOnPostgres(SharedApp shared) : ConsoleSessionTests(shared);
