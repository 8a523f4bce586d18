namespace SupportAgent.Server.Analytics;

public static class AnalyticsPage
{
    /// <summary>
    /// The console's analytics page. The page itself is public static HTML; the figures it fetches need an admin key
    /// (or the console's sign-in), so nothing of a tenant is exposed by serving it.
    /// </summary>
    public static IEndpointRouteBuilder MapAnalyticsPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/console/analytics", (IWebHostEnvironment env) =>
                TypedResults.PhysicalFile(Path.Combine(env.WebRootPath, "console", "analytics.html"), "text/html; charset=utf-8"))
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
