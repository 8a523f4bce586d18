using System.Net;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Analytics;

public sealed class AnalyticsPageTests
{
    [Fact]
    public async Task TheOldAnalyticsAddressLeadsToTheConsolesAnalyticsPage()
    {
        using var app = new SupportAgentApp();
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var page = await client.GetAsync("/console/analytics");
        var bundle = await client.GetStringAsync("/dist/console.js");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/console#/analytics", page.Headers.Location?.OriginalString);
        // The page is part of the console bundle and reads the same endpoint the API documents, with the console's cookie.
        Assert.Contains("analytics", bundle);
        Assert.DoesNotContain("supportagent.key", bundle);
    }
}
