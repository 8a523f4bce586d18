namespace SupportAgent.Server.Home;

public static class WidgetAsset
{
    /// <summary>
    /// The stable URL tenants paste into their pages. The file is the bundle the build writes to <c>wwwroot/dist</c>
    /// (see <c>Widget/</c>); the URL stays the same whatever the bundle's layout becomes.
    /// </summary>
    public static IEndpointRouteBuilder MapWidget(this IEndpointRouteBuilder app)
    {
        app.MapGet("/widget.js", (IWebHostEnvironment env, HttpContext http) =>
        {
            var file = env.WebRootFileProvider.GetFileInfo("dist/widget.js");
            if (!file.Exists)
                return Results.Problem(statusCode: 404, detail: "The widget bundle has not been built; build the server (it needs Node.js and npm).");
            http.Response.Headers.CacheControl = "public, max-age=300";
            return Results.Stream(file.CreateReadStream(), "text/javascript; charset=utf-8", lastModified: file.LastModified);
        }).AllowAnonymous().ExcludeFromDescription();
        app.MapWidgetConfig();
        return app;
    }
}
