using System.Net;
using Microsoft.Extensions.Options;
using SupportAgent.Server.Demo;

namespace SupportAgent.Server.Home;

public static class HomePage
{
    /// <summary>A sample storefront page that embeds the widget for the demo tenant, exactly as a tenant's site would.</summary>
    public static IEndpointRouteBuilder MapHomePage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (IOptions<DemoOptions> demo) =>
        {
            var key = demo.Value.Seed ? demo.Value.WidgetKey : null;
            var widget = key is null ? "<p>The demo tenant is not enabled on this server.</p>"
                : $"""<script src="/widget.js" data-tenant="{DemoOptions.TenantId}" data-key="{WebUtility.HtmlEncode(key)}" defer></script>""";
            return TypedResults.Content(Page(widget), "text/html; charset=utf-8");
        }).AllowAnonymous().ExcludeFromDescription();
        // Browsers ask every site for a favicon; "nothing here" is the honest answer, not a 401 in every console.
        app.MapGet("/favicon.ico", () => TypedResults.NoContent()).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static string Page(string widget) => $$"""
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>Northwind Outfitters — help</title>
          <link rel="stylesheet" href="/site.css">
        </head>
        <body>
          <main class="store">
            <h1>Northwind Outfitters</h1>
            <p>Outdoor clothing and gear, shipped worldwide. Questions about shipping, returns, billing or your account?
               Open the chat in the corner: our assistant answers from our help centre and hands you to a person when it should.</p>
            <p class="hint">Try: “How long does shipping to Canada take?”, “How do I return a jacket?”, or “I want to talk to a person”.</p>
          </main>
          {{widget}}
        </body>
        </html>
        """;
}
