using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SupportAgent.Server.Health;

public static class HealthApi
{
    private const string ReadyTag = "ready";

    /// <summary>Checks whose description is counts only (no hosts, ports or tenant names), so anonymous callers may read it.</summary>
    internal const string PublicDescriptionTag = "public-description";

    /// <summary>Readiness checks: the database, the knowledge index (and any re-indexing under way) and, when configured, the LLM endpoint.</summary>
    public static WebApplicationBuilder AddHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpClient(nameof(LlmReadiness));
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseReadiness>("database", tags: [ReadyTag])
            .AddCheck<IndexReadiness>("index", tags: [ReadyTag])
            .AddCheck<ReembeddingReadiness>("reindexing", tags: [ReadyTag, PublicDescriptionTag])
            .AddCheck<LlmReadiness>("llm", tags: [ReadyTag]);
        return builder;
    }

    /// <summary>
    /// <c>/health</c> is liveness: it answers once the host is serving (migrations and seeding finish before it listens).
    /// <c>/ready</c> is readiness: 200 when every dependency answers, else 503 ProblemDetails naming what is not ready,
    /// so a load balancer stops routing to a replica that would fail its requests.
    /// </summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", () => TypedResults.Ok(new Liveness("healthy"))).AllowAnonymous().WithTags("Health");
        app.MapHealthChecks("/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = ReadinessResponse.WriteAsync,
        }).AllowAnonymous();
        return app;
    }

    /// <summary>The liveness answer; a named type so the API document describes it.</summary>
    public sealed record Liveness(string Status);
}
