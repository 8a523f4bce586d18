using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace SupportAgent.Tests.Integration.Observability;

/// <summary>
/// An OpenAI-compatible server's <c>GET /v1/models</c>, on a real Kestrel port, answering with the real wire JSON, or
/// with 401 like a server given the wrong key.
/// </summary>
public sealed class FakeModelsEndpoint : IAsyncDisposable
{
    private readonly WebApplication app;

    public string BaseUrl { get; }

    private FakeModelsEndpoint(WebApplication app)
    {
        this.app = app;
        BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/v1";
    }

    public static async Task<FakeModelsEndpoint> StartAsync(string requiredKey)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/v1/models", (HttpRequest request) => request.Headers.Authorization == $"Bearer {requiredKey}"
            ? Results.Text("""{"object":"list","data":[{"id":"support-base","object":"model","created":1700000000,"owned_by":"organization-owner"}]}""", "application/json")
            : Results.Text("""{"error":{"message":"Incorrect API key provided.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""", "application/json", statusCode: 401));
        await app.StartAsync();
        return new FakeModelsEndpoint(app);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
