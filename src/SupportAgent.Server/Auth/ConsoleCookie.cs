using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace SupportAgent.Server.Auth;

/// <summary>
/// The console's session: a staff or admin key is exchanged once for an HttpOnly, SameSite=Strict cookie, so the key
/// never sits in the page's JavaScript and other sites cannot ride on the session.
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
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // An API caller wants a status code, not a redirect to a login page; the console shows its own sign-in.
            o.Events.OnRedirectToLogin = context => SetStatus(context.Response, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => SetStatus(context.Response, StatusCodes.Status403Forbidden);
        });

    private static Task SetStatus(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }
}
