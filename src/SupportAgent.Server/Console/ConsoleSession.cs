using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using SupportAgent.Core.Tenants;
using SupportAgent.Server.Auth;
using SupportAgent.Server.RateLimiting;

namespace SupportAgent.Server.Console;

/// <summary>Sign-in for the console: a staff or admin key is checked once and exchanged for the cookie session.</summary>
public static class ConsoleSession
{
    /// <summary>A key longer than any the server issues is refused before it is looked up (and hashed).</summary>
    public sealed record SignInRequest(
        [property: Required(ErrorMessage = "Send {{\"key\": \"…\"}} with a staff or admin key." /* a format string: braces doubled */),
            StringLength(256, ErrorMessage = "'key' must be at most {1} characters; that is not a key this server issued.")] string? Key);
    public sealed record SessionView(string Tenant, string Role);

    public static RouteGroupBuilder MapConsoleSession(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/console/session").WithTags("Console").DisableAntiforgery();
        group.MapPost("/", SignInAsync).AllowAnonymous().WithSummary("Exchange a staff or admin key for a console session cookie.");
        group.MapGet("/", Current).RequireAuthorization(Policies.Staff);
        group.MapDelete("/", (Delegate)SignOutAsync).AllowAnonymous();
        return group;
    }

    private static async Task<Results<Ok<SessionView>, ProblemHttpResult, EmptyHttpResult>> SignInAsync(
        SignInRequest request, HttpContext http, TenantService tenants, StaffSessions sessions, RateLimitGate limits, CancellationToken ct)
    {
        var key = request.Key?.Trim();
        var apiKey = string.IsNullOrEmpty(key) ? null : await tenants.FindKeyAsync(key, ct);
        if (apiKey is null || apiKey.Role is not (ApiKeyRole.Staff or ApiKeyRole.Admin))
        {
            // Failed sign-ins draw on the address's budget; past it the answer is 429, so keys cannot be tried at speed.
            using var lease = limits.RecordFailedSignIn(http);
            if (!lease.IsAcquired)
            {
                await RateLimitSetup.TooManyFailedSignInsAsync(http, lease);
                return TypedResults.Empty;
            }
            return TypedResults.Problem(statusCode: 401, detail: "That is not a staff or admin key; ask your administrator for one.");
        }
        var role = Roles.Name(apiKey.Role);
        var session = await sessions.StartAsync(apiKey, ct);
        var identity = new ClaimsIdentity(
            [new Claim(SupportClaims.Role, role), new Claim(SupportClaims.Tenant, apiKey.TenantId), new Claim(SupportClaims.KeyPrefix, apiKey.Prefix),
             new Claim(SupportClaims.Session, session)],
            ConsoleCookie.Scheme, ClaimTypes.Name, SupportClaims.Role);
        await http.SignInAsync(ConsoleCookie.Scheme, new ClaimsPrincipal(identity));
        return TypedResults.Ok(new SessionView(apiKey.TenantId, role));
    }

    private static Ok<SessionView> Current(ClaimsPrincipal user) =>
        TypedResults.Ok(new SessionView(user.FindFirst(SupportClaims.Tenant)?.Value ?? "", user.FindFirst(SupportClaims.Role)?.Value ?? ""));

    /// <summary>Ends the session server-side, so a copy of the cookie taken before sign-out opens nothing.</summary>
    private static async Task<NoContent> SignOutAsync(HttpContext http, StaffSessions sessions, CancellationToken ct)
    {
        var current = await http.AuthenticateAsync(ConsoleCookie.Scheme);
        if (current.Principal?.FindFirst(SupportClaims.Session)?.Value is { } secret) await sessions.EndAsync(secret, ct);
        await http.SignOutAsync(ConsoleCookie.Scheme);
        return TypedResults.NoContent();
    }
}
