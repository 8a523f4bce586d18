namespace SupportAgent.Server.Analytics;

public static class AnalyticsPage
{
    /// <summary>
    /// The console's analytics page. The page itself is public static HTML; the figures it fetches need an admin key
    /// (or the console's sign-in), so nothing of a tenant is exposed by serving it.
    /// </summary>
    public static IEndpointRouteBuilder MapAnalyticsPage(this IEndpointRouteBuilder app)
    {
        // Read through the web root's file provider, not a path: it also finds the file when the server runs from its
        // build output with another working directory (static web assets), which a path under WebRootPath would not.
        app.MapGet("/console/analytics", (IWebHostEnvironment env) =>
                TypedResults.Stream(env.WebRootFileProvider.GetFileInfo("console/analytics.html").CreateReadStream(), "text/html; charset=utf-8"))
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
