using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using SupportAgent.Server.Auth;

namespace SupportAgent.Server.RateLimiting;

public static class RateLimitSetup
{
    /// <summary>ASP.NET Core rate limiting over the shared <see cref="RateLimitGate"/>, answering 429 ProblemDetails with Retry-After.</summary>
    public static WebApplicationBuilder AddRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<RateLimitOptions>(RateLimitOptions.SectionName);
        builder.Services.AddSingleton<RateLimitGate>();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<RateLimitGate>((o, gate) =>
        {
            o.GlobalLimiter = gate.ForHttp();
            o.OnRejected = (context, ct) => new ValueTask(WriteTooManyAsync(context.HttpContext, RateLimitGate.RetryAfter(context.Lease),
                "Too many requests from this client or for this tenant; wait and try again.", ct));
        });
        return builder;
    }

    /// <summary>After authentication, so budgets are per key and tenant; failed keys are counted per address.</summary>
    public static WebApplication UseRateLimits(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            // A key that did not authenticate: count it; past the budget the address gets 429s instead of 401s.
            if (ApiKeyAuthenticationHandler.HasKey(http.Request) && http.User.Identity?.IsAuthenticated != true)
            {
                var gate = http.RequestServices.GetRequiredService<RateLimitGate>();
                using var lease = gate.RecordFailedSignIn(http);
                if (!lease.IsAcquired)
                {
                    await TooManyFailedSignInsAsync(http, lease);
                    return;
                }
            }
            await next(http);
        });
        app.UseRateLimiter();
        return app;
    }

    public static Task TooManyFailedSignInsAsync(HttpContext http, RateLimitLease lease) =>
        WriteTooManyAsync(http, RateLimitGate.RetryAfter(lease), "Too many failed key attempts from this address; wait and try again.", http.RequestAborted);

    private static async Task WriteTooManyAsync(HttpContext http, TimeSpan retryAfter, string detail, CancellationToken ct)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too Many Requests", Detail = $"{detail} Retry after {seconds} s." },
        });
    }
}
