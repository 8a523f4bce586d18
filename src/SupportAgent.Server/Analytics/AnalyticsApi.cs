using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using SupportAgent.Core.Analytics;
using SupportAgent.Server.Auth;

namespace SupportAgent.Server.Analytics;

public static class AnalyticsApi
{
    /// <summary>Longest window one request may cover; wider windows are refused so a request cannot scan years of history.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(366);
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(30);

    public static IEndpointRouteBuilder MapAnalytics(this IEndpointRouteBuilder app)
    {
        var group = app.MapTenantGroup("analytics", "Analytics").RequireAuthorization(Policies.Admin);
        group.MapGet("/", GetAsync)
            .WithSummary("Deflection, escalations, response times, feedback and staff time saved for conversations started in [from, to).");
        app.MapAnalyticsPage();
        return app;
    }

    private static async Task<Results<Ok<AnalyticsReport>, ProblemHttpResult>> GetAsync(
        string? from, string? to, CurrentTenant tenant, AnalyticsService analytics, TimeProvider clock, CancellationToken ct)
    {
        if (!TryParse(to, "to", out var end, out var problem) || !TryParse(from, "from", out var start, out problem))
            return TypedResults.Problem(statusCode: 400, detail: problem);
        var toValue = end ?? clock.GetUtcNow();
        var fromValue = start ?? toValue - DefaultWindow;
        if (fromValue >= toValue)
            return TypedResults.Problem(statusCode: 400, detail: $"'from' ({fromValue:O}) must be earlier than 'to' ({toValue:O}).");
        if (toValue - fromValue > MaxWindow)
            return TypedResults.Problem(statusCode: 400, detail: $"The window from {fromValue:O} to {toValue:O} is longer than {MaxWindow.TotalDays} days; ask for a shorter range.");
        return TypedResults.Ok(await analytics.ComputeAsync(tenant.Id, fromValue, toValue, ct));
    }

    private static bool TryParse(string? text, string name, out DateTimeOffset? value, out string? problem)
    {
        value = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            value = parsed;
            return true;
        }
        problem = $"'{name}' must be an ISO 8601 date or date-time such as 2026-01-31 or 2026-01-31T12:00:00Z; got '{text}'."
            // A '+' offset that was not URL-encoded arrives as a space.
            + (text.Contains(' ') ? " Encode a '+' offset as %2B." : "");
        return false;
    }
}
