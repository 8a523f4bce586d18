using System.Net;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Analytics;

public sealed class AnalyticsPageTests
{
    [Fact]
    public async Task TheConsoleAnalyticsPageAndItsScriptAreServedWithoutAKey()
    {
        using var app = new SupportAgentApp();
        using var client = app.CreateClient();

        var page = await client.GetAsync("/console/analytics");
        var script = await client.GetStringAsync("/console/analytics.js");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/console/analytics.js", await page.Content.ReadAsStringAsync());
        // The page reads the same endpoint the API documents, with the console's cookie or the stored key.
        Assert.Contains("/analytics?", script);
        Assert.Contains("credentials: \"same-origin\"", script);
        Assert.Contains("supportagent.key", script);
    }
}
