using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SupportAgent.Tests.Infrastructure;

/// <summary>
/// The one way the test fakes (LLM, embeddings, Qdrant, a customer's shop site) get a real socket: a slim Kestrel app
/// on 127.0.0.1 with a port the OS picks, so parallel tests never collide and clients really speak HTTP.
/// </summary>
public static class LoopbackServer
{
    /// <param name="protocols">HTTP/2 only for a gRPC fake: without TLS there is no negotiation, the client speaks h2c at once.</param>
    /// <param name="services">Services the fake's endpoints need (gRPC, its interceptors).</param>
    public static WebApplication Create(HttpProtocols protocols = HttpProtocols.Http1AndHttp2, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = protocols));
        services?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>Starts the app and returns its base address without a trailing slash, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public static async Task<string> StartAsync(WebApplication app)
    {
        await app.StartAsync();
        return app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }
}
