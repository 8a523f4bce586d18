using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Security;

/// <summary>
/// A body the server cannot read is the caller's mistake, answered the same way in every environment (issue 13
/// finding 12): malformed JSON is a 400 and a wrong media type a 415, each a ProblemDetails saying why.
/// </summary>
public sealed class RequestShapeTests(SharedApp shared) : IClassFixture<SharedApp>
{
    private readonly SupportAgentApp app = shared.App;

    private async Task<HttpResponseMessage> PostAsync(string path, string body, string mediaType, string? environment = null)
    {
        using var factory = environment is null ? null : app.WithWebHostBuilder(b => b.UseEnvironment(environment));
        using var client = factory?.CreateClient() ?? app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", SupportAgentApp.OperatorKey);
        var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue(mediaType)));
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    [Theory]
    [InlineData("Testing")]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task MalformedJsonIsA400ProblemInEveryEnvironment(string environment)
    {
        var response = await PostAsync("/api/tenants", """{"id": "acme", "name": """, "application/json", environment);

        var detail = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.StartsWith("The JSON body is malformed", detail);
    }

    [Fact]
    public async Task JsonOfTheWrongShapeIsA400Problem()
    {
        var response = await PostAsync("/api/tenants", """{"id": 5, "name": ["x"]}""", "application/json");

        Assert.StartsWith("The JSON body is malformed", await response.AssertProblemAsync(HttpStatusCode.BadRequest));
    }

    [Theory]
    [InlineData("Testing")]
    [InlineData("Production")]
    public async Task PlainTextSentToAJsonEndpointIsA415NamingTheTypeItTakes(string environment)
    {
        var response = await PostAsync("/api/tenants", """{"id": "acme", "name": "Acme"}""", "text/plain", environment);

        var detail = await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("'POST /api/tenants' takes application/json; the request has Content-Type 'text/plain'.", detail);
    }

    [Fact]
    public async Task AnUnknownPathIsStillA404()
    {
        var response = await PostAsync("/api/nothing-here", "{}", "text/plain");

        Assert.Equal("Nothing is served at '/api/nothing-here'.", await response.AssertProblemAsync(HttpStatusCode.NotFound));
    }
}
