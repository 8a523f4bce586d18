namespace SupportAgent.Server.Auth;

/// <summary>
/// The console rides on a cookie, so its state-changing requests must come from the console's own page. SameSite=Strict
/// is not enough: a page on another port of the same host is "same-site" and its requests carry the cookie. Browsers
/// always send <c>Sec-Fetch-Site</c> or <c>Origin</c> with such requests, so either one naming anywhere but this origin
/// is refused; API-key requests (no ambient credential) are not affected. Console pages also get a CSP that forbids
/// framing and foreign scripts, and every response gets <c>X-Content-Type-Options: nosniff</c>.
/// </summary>
public static class ConsoleProtection
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static WebApplication UseConsoleProtection(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            var request = http.Request;
            http.Response.Headers.XContentTypeOptions = "nosniff";
            if (request.Path.StartsWithSegments("/console"))
            {
                http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                http.Response.Headers.XFrameOptions = "DENY";
            }
            if (IsCrossSiteCookieWrite(request))
            {
                http.Response.StatusCode = StatusCodes.Status403Forbidden;
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status403Forbidden, Title = "Forbidden",
                        Detail = "A console request that changes something must come from the console's own page (Origin / Sec-Fetch-Site).",
                    },
                });
                return;
            }
            await next(http);
        });
        return app;
    }

    private static bool IsCrossSiteCookieWrite(HttpRequest request)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)) return false;
        if (ApiKeyAuthenticationHandler.HasKey(request)) return false;
        var cookieRequest = request.Cookies.ContainsKey(ConsoleCookie.Name) || request.Path.StartsWithSegments("/console/session");
        if (!cookieRequest) return false;
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0 && fetchSite is not ("same-origin" or "none")) return true;
        var origin = request.Headers.Origin.ToString();
        return origin.Length > 0 && !string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
    }
}
