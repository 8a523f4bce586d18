namespace SupportAgent.Server.Analytics;

public static class AnalyticsPage
{
    /// <summary>
    /// Analytics is a page of the console (signed in like every other page, tenant from the session). The old address
    /// stays valid for bookmarks and docs: it leads to that page.
    /// </summary>
    public static IEndpointRouteBuilder MapAnalyticsPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/console/analytics", () => TypedResults.Redirect("/console#/analytics")).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
