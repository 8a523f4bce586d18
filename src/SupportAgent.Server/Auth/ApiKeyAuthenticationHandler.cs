using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using SupportAgent.Core.Tenants;

namespace SupportAgent.Server.Auth;

/// <summary>
/// Authenticates <c>X-Api-Key</c>, <c>Authorization: Bearer</c>, or (for SignalR, whose browser transports cannot set
/// headers) the <c>access_token</c> query parameter on hub paths.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    OperatorKey operatorKey, TenantService tenants) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = ReadKey(Request);
        if (string.IsNullOrEmpty(key)) return AuthenticateResult.NoResult();

        if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(operatorKey.Value)))
            return Success(new Claim(SupportClaims.Role, Roles.Operator));

        var apiKey = await tenants.FindKeyAsync(key, Context.RequestAborted);
        if (apiKey is null) return AuthenticateResult.Fail("Unknown API key.");
        return Success(
            new Claim(SupportClaims.Role, Roles.Name(apiKey.Role)),
            new Claim(SupportClaims.Tenant, apiKey.TenantId),
            new Claim(SupportClaims.KeyPrefix, apiKey.Prefix),
            new Claim(SupportClaims.KeyId, KeyHasher.Id(apiKey.Hash)));
    }

    /// <summary>True when the request carries a key; otherwise the console's cookie session is consulted instead.</summary>
    public static bool HasKey(HttpRequest request) => !string.IsNullOrEmpty(ReadKey(request));

    private static string? ReadKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue("X-Api-Key", out var header) && !string.IsNullOrWhiteSpace(header)) return header.ToString().Trim();
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return authorization["Bearer ".Length..].Trim();
        if (request.Path.StartsWithSegments("/hubs")) return request.Query["access_token"].ToString();
        return null;
    }

    private AuthenticateResult Success(params Claim[] claims)
    {
        var identity = new ClaimsIdentity(claims, SchemeName, ClaimTypes.Name, SupportClaims.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
