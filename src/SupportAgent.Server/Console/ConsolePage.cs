namespace SupportAgent.Server.Console;

public static class ConsolePage
{
    /// <summary>
    /// The staff and admin console: one page whose script (bundled from <c>Widget/src/console</c>) signs in, then shows
    /// the queue, an escalation, approved answers, documents, the adapter and analytics. The page itself is public; its data needs the session.
    /// </summary>
    public static IEndpointRouteBuilder MapConsole(this IEndpointRouteBuilder app)
    {
        app.MapConsoleSession();
        app.MapGet("/console", () => TypedResults.Content(Html, "text/html; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private const string Html = """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>SupportAgent console</title>
          <link rel="stylesheet" href="/console.css">
          <link rel="icon" href="data:,">
        </head>
        <body>
          <header class="top">
            <span class="brand">SupportAgent <span class="brand-tail">console</span></span>
            <button type="button" id="menu-toggle" class="menu-toggle" aria-controls="nav" aria-expanded="false" hidden>Menu</button>
            <nav aria-label="Console" id="nav" hidden>
              <ul>
                <li><a href="#/queue" data-role="staff">Queue</a></li>
                <li><a href="#/approved" data-role="admin">Approved answers</a></li>
                <li><a href="#/documents" data-role="admin">Documents</a></li>
                <li><a href="#/adapter" data-role="admin">Adapter</a></li>
                <li><a href="#/analytics" data-role="admin">Analytics</a></li>
                <li class="who"><span id="who"></span></li>
                <li><button type="button" id="sign-out" class="link">Sign out</button></li>
              </ul>
            </nav>
          </header>
          <main id="app" tabindex="-1"></main>
          <script src="/dist/console.js" defer></script>
        </body>
        </html>
        """;
}
