using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SupportAgent.Core.Adapters;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Security;

/// <summary>The guard's handler on a real connection: the address connected to is checked, not only the one registered.</summary>
public sealed class OutboundConnectionTests
{
    [Fact]
    public async Task AConnectionIsCheckedAgainstTheAddressItReallyGoesTo()
    {
        // A name that passed (or never went through) registration and now resolves inside: the connection itself is refused.
        var hits = 0;
        await using var inside = LoopbackServer.Create();
        inside.Use((HttpContext context, RequestDelegate _) => { Interlocked.Increment(ref hits); return context.Response.WriteAsync("{}"); });
        var url = await LoopbackServer.StartAsync(inside);
        var guard = new OutboundEndpointGuard(Options.Create(new AdapterOptions()));
        using var http = new HttpClient(guard.CreateHandler());

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(url.Replace("127.0.0.1", "localhost") + "/v1/models"));

        Assert.Equal(0, hits);
    }
}
