using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Observability;

/// <summary>
/// An OpenAI-compatible server's <c>GET /v1/models</c>, on a real Kestrel port, answering with the real wire JSON, or
/// with 401 like a server given the wrong key.
/// </summary>
public sealed class FakeModelsEndpoint : IAsyncDisposable
{
    private readonly WebApplication app;

    public string BaseUrl { get; }

    private FakeModelsEndpoint(WebApplication app, string baseUrl) => (this.app, BaseUrl) = (app, baseUrl);

    public static async Task<FakeModelsEndpoint> StartAsync(string requiredKey)
    {
        var app = LoopbackServer.Create();
        app.MapGet("/v1/models", (HttpRequest request) => request.Headers.Authorization == $"Bearer {requiredKey}"
            ? Results.Text("""{"object":"list","data":[{"id":"support-base","object":"model","created":1700000000,"owned_by":"organization-owner"}]}""", "application/json")
            : Results.Text("""{"error":{"message":"Incorrect API key provided.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""", "application/json", statusCode: 401));
        return new FakeModelsEndpoint(app, await LoopbackServer.StartAsync(app) + "/v1");
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
