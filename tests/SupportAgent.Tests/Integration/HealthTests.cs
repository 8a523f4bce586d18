using System.Net;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration;

public sealed class HealthTests
{
    [Fact]
    public async Task HealthAnswers200WithoutAKey()
    {
        using var app = new SupportAgentApp();
        using var client = app.CreateClient();

        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheChatEndpoint()
    {
        using var app = new SupportAgentApp();
        using var client = app.CreateClient();

        var document = await client.GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/tenants/{t}/conversations/{c}/messages", document);
    }
}
