using System.Net;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration;

/// <summary>The widget key sits in a tenant's page source; it must only work from that tenant's allowed origins.</summary>
public sealed class OriginCheckTests(SharedApp shared) : IClassFixture<SharedApp>, IAsyncLifetime
{
    private const string Allowed = "https://shop.example.com"; // what SupportAgentApp.CreateTenantAsync allows
    private const string Foreign = "https://copycat.example.net";
    private readonly SupportAgentApp app = shared.App;
    private readonly string acmeId = TenantIds.New("acme");
    private SupportAgentApp.TenantKeys keys = null!;

    public async Task InitializeAsync() => keys = await app.CreateTenantAsync(acmeId);
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AWidgetCallFromAnAllowedOriginSucceedsWithCorsHeaders()
    {
        var response = await StartConversationFrom(Allowed);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(Allowed, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task AWidgetCallFromAnotherOriginIsRefusedAndNothingIsCreated()
    {
        var response = await StartConversationFrom(Foreign);

        var detail = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains(Foreign, detail);
        Assert.Contains("allowedOrigins", detail);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(0, await app.InDatabaseAsync(db => Task.FromResult(db.Conversations.Count(x => x.TenantId == acmeId))));
    }

    [Fact]
    public async Task TheServersOwnPagesMayUseTheWidgetKey()
    {
        var response = await StartConversationFrom("http://localhost"); // the test server's own origin

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task APreflightIsAnsweredOnlyForTheTenantsOrigins()
    {
        using var client = app.CreateClient();

        var allowed = await client.SendAsync(Preflight(Allowed));
        var foreign = await client.SendAsync(Preflight(Foreign));

        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.Equal(Allowed, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("x-api-key", allowed.Headers.GetValues("Access-Control-Allow-Headers").Single());
        Assert.False(foreign.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task TheHubRefusesAWidgetConnectingFromAnotherOrigin()
    {
        await using var foreign = HubFrom(Foreign, keys.Widget);
        await using var allowed = HubFrom(Allowed, keys.Widget);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => foreign.StartAsync());
        await allowed.StartAsync();

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.StartsWith("c_", (await allowed.StartConversationAsync()).ConversationId);
    }

    [Fact]
    public async Task AnotherTenantsOriginDoesNotOpenThisTenantsWidgetKey()
    {
        using var op = app.ClientWithKey(SupportAgentApp.OperatorKey);
        await op.PostAsync("/api/tenants", System.Net.Http.Json.JsonContent.Create(new { id = TenantIds.New("globex"), allowedOrigins = new[] { "https://globex.example" } }));

        var response = await StartConversationFrom("https://globex.example");

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    private async Task<HttpResponseMessage> StartConversationFrom(string origin)
    {
        using var client = app.ClientWithKey(keys.Widget);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tenants/{acmeId}/conversations");
        request.Headers.Add("Origin", origin);
        return await client.SendAsync(request);
    }

    private HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, $"/api/tenants/{acmeId}/conversations");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "x-api-key,content-type");
        return request;
    }

    private HubConnection HubFrom(string origin, string key) => new HubConnectionBuilder()
        .WithUrl(new Uri(app.Server.BaseAddress, "/hubs/chat"), options =>
        {
            options.Transports = HttpTransportType.LongPolling;
            options.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
            options.AccessTokenProvider = () => Task.FromResult<string?>(key);
            options.Headers["Origin"] = origin;
        })
        .Build();
}
