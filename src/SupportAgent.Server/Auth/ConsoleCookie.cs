using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using SupportAgent.Core.Tenants;

namespace SupportAgent.Server.Auth;

/// <summary>
/// The console's session: a staff or admin key is exchanged once for an HttpOnly, SameSite=Strict cookie, so the key
/// never sits in the page's JavaScript and other sites cannot ride on the session. The cookie carries a session secret
/// that is checked against the database on every request, so signing out and rotating the key end it at once, on every
/// replica (an encrypted cookie alone would stay valid until it expires).
/// </summary>
public static class ConsoleCookie
{
    public const string Scheme = "ConsoleCookie";
    public const string Name = "supportagent_console";

    public static AuthenticationBuilder AddConsoleCookie(this AuthenticationBuilder builder) =>
        builder.AddCookie(Scheme, o =>
        {
            o.Cookie.Name = Name;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = StaffSessions.Lifetime;
            o.SlidingExpiration = true;
            // An API caller wants a status code, not a redirect to a login page; the console shows its own sign-in.
            o.Events.OnRedirectToLogin = context => SetStatus(context.Response, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => SetStatus(context.Response, StatusCodes.Status403Forbidden);
            o.Events.OnValidatePrincipal = ValidateSessionAsync;
        });

    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var sessions = context.HttpContext.RequestServices.GetRequiredService<StaffSessions>();
        var secret = context.Principal?.FindFirst(SupportClaims.Session)?.Value;
        if (await sessions.IsActiveAsync(secret, context.HttpContext.RequestAborted)) return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(Scheme);
    }

    private static Task SetStatus(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }
}
