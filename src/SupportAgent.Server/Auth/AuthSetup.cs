using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using SupportAgent.Core.Tenants;

namespace SupportAgent.Server.Auth;

public static class AuthSetup
{
    /// <summary>Either an API key or the console's cookie session; a request with a key never falls back to the cookie.</summary>
    public const string KeyOrCookie = "KeyOrCookie";

    /// <summary>API-key authentication, the console's cookie session, one policy per role, and a fallback policy so nothing is public by accident.</summary>
    public static WebApplicationBuilder AddApiKeyAuth(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OperatorKey>();
        builder.Services.AddAuthentication(KeyOrCookie)
            .AddPolicyScheme(KeyOrCookie, null, o => o.ForwardDefaultSelector = context =>
                ApiKeyAuthenticationHandler.HasKey(context.Request) ? ApiKeyAuthenticationHandler.SchemeName : ConsoleCookie.Scheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddConsoleCookie();
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Operator, p => p.RequireClaim(SupportClaims.Role, Roles.Operator))
            .AddPolicy(Policies.Admin, p => p.RequireClaim(SupportClaims.Role, Roles.Admin))
            .AddPolicy(Policies.AdminOrOperator, p => p.RequireClaim(SupportClaims.Role, Roles.Admin, Roles.Operator))
            .AddPolicy(Policies.Staff, p => p.RequireClaim(SupportClaims.Role, Roles.Staff, Roles.Admin))
            .AddPolicy(Policies.Widget, p => p.RequireClaim(SupportClaims.Role, Roles.Widget));
        builder.Services.AddScoped<CurrentTenant>();
        builder.Services.AddScoped<ConversationTokens>();
        return builder;
    }
}
