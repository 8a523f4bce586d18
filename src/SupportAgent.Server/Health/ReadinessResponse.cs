using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SupportAgent.Core.Tenants;
using SupportAgent.Server.Auth;

namespace SupportAgent.Server.Health;

/// <summary>
/// <c>/ready</c> is anonymous (load balancers call it), so anonymous callers get only which checks pass; the reasons,
/// which name internal hosts and ports, are for the operator key.
/// </summary>
internal static class ReadinessResponse
{
    public static async Task WriteAsync(HttpContext http, HealthReport report)
    {
        var operatorAsks = http.User.FindFirst(SupportClaims.Role)?.Value == Roles.Operator;
        var checks = report.Entries.ToDictionary(e => e.Key, e => new
        {
            status = e.Value.Status.ToString().ToLowerInvariant(),
            description = operatorAsks || e.Value.Tags.Contains(HealthApi.PublicDescriptionTag) ? e.Value.Description ?? e.Value.Exception?.Message : null,
        });
        if (report.Status == HealthStatus.Healthy)
        {
            await http.Response.WriteAsJsonAsync(new { status = "ready", checks });
            return;
        }
        var failing = checks.Where(c => c.Value.status != "healthy").Select(c => $"{c.Key}: {c.Value.description ?? c.Value.status}");
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "Not ready",
            Detail = $"Not ready to serve requests. {string.Join(" ", failing)}" + (operatorAsks ? "" : " (Details with the operator key.)"),
            Instance = http.Request.Path,
            Extensions = { ["checks"] = checks },
        };
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        await http.Response.WriteAsJsonAsync(problem, options: null, contentType: "application/problem+json");
    }
}
