using System.Net;
using System.Net.Http.Json;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Security;

/// <summary>
/// A page on another port of the same host is "same-site", so the SameSite=Strict console cookie rides along with its
/// requests: only Origin / Sec-Fetch-Site tell the console's own page from it.
/// </summary>
public sealed class ConsoleCsrfTests(SharedApp shared) : IClassFixture<SharedApp>, IAsyncLifetime
{
    private readonly SupportAgentApp app = shared.App;
    private readonly string acmeId = TenantIds.New("acme");
    private HttpClient console = null!;

    public async Task InitializeAsync()
    {
        var keys = await app.CreateTenantAsync(acmeId);
        console = app.CreateClient(); // keeps cookies, like the browser
        (await console.PostAsJsonAsync("/console/session", new { key = keys.Admin })).EnsureSuccessStatusCode();
    }

    public Task DisposeAsync() { console.Dispose(); return Task.CompletedTask; }

    [Theory]
    [InlineData("Origin", "http://localhost:8081")]
    [InlineData("Origin", "https://evil.example")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    public async Task ACookieRequestThatChangesSomethingFromAnotherPageIsRefused(string header, string value)
    {
        var response = await DeleteDocumentAsync(header, value);

        Assert.Contains("console's own page", await response.AssertProblemAsync(HttpStatusCode.Forbidden));
    }

    [Fact]
    public async Task TheConsolesOwnPageMayChangeThings()
    {
        var sameOrigin = await DeleteDocumentAsync("Origin", "http://localhost");
        var sameOriginFetch = await DeleteDocumentAsync("Sec-Fetch-Site", "same-origin");

        // Authorized and routed: the document simply does not exist.
        await sameOrigin.AssertProblemAsync(HttpStatusCode.NotFound);
        await sameOriginFetch.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task SigningOutFromAnotherPageIsRefusedAndTheSessionStays()
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, "/console/session");
        request.Headers.Add("Origin", "http://localhost:8081");

        await (await console.SendAsync(request)).AssertProblemAsync(HttpStatusCode.Forbidden);
        (await console.GetAsync("/console/session")).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task ConsolePagesForbidFramingAndForeignScripts()
    {
        var page = await console.GetAsync("/console");

        var csp = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("nosniff", (await console.GetAsync("/console/session")).Headers.GetValues("X-Content-Type-Options").Single());
    }

    private async Task<HttpResponseMessage> DeleteDocumentAsync(string header, string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/tenants/{acmeId}/documents/no-such-document");
        request.Headers.Add(header, value);
        return await console.SendAsync(request);
    }
}
