namespace SupportAgent.Server.Console;

public static class ConsolePage
{
    /// <summary>
    /// The staff and admin console: one page whose script (bundled from <c>Widget/src/console</c>) signs in, then shows
    /// the queue, an escalation, approved answers and documents. The page itself is public; its data needs the session.
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
        </head>
        <body>
          <header class="top">
            <span class="brand">SupportAgent console</span>
            <nav aria-label="Console" id="nav" hidden>
              <a href="#/queue">Queue</a>
              <a href="#/approved">Approved answers</a>
              <a href="#/documents">Documents</a>
              <a href="#/adapter">Adapter</a>
              <a href="/console/analytics">Analytics</a>
              <button type="button" id="sign-out" class="link">Sign out</button>
            </nav>
          </header>
          <main id="app" tabindex="-1" aria-live="polite"></main>
          <script src="/dist/console.js" defer></script>
        </body>
        </html>
        """;
}
