using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SupportAgent.Server.Health;

internal static class ReadinessResponse
{
    public static async Task WriteAsync(HttpContext http, HealthReport report)
    {
        var checks = report.Entries.ToDictionary(e => e.Key, e => new
        {
            status = e.Value.Status.ToString().ToLowerInvariant(),
            description = e.Value.Description ?? e.Value.Exception?.Message,
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
            Detail = $"Not ready to serve requests. {string.Join(" ", failing)}",
            Instance = http.Request.Path,
            Extensions = { ["checks"] = checks },
        };
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        await http.Response.WriteAsJsonAsync(problem, options: null, contentType: "application/problem+json");
    }
}
