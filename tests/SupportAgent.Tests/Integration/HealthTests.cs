using System.Net;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration;

public class HealthTests(SharedApp shared) : IClassFixture<SharedApp>
{
    [Fact]
    public async Task HealthAnswers200WithoutAKey()
    {
        using var client = shared.App.CreateClient();

        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheChatEndpoint()
    {
        using var client = shared.App.CreateClient();

        var document = await client.GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/tenants/{t}/conversations/{c}/messages", document);
    }
}

[OnPostgres]
public sealed class HealthTestsOnPostgres(SharedApp shared) : HealthTests(shared);
