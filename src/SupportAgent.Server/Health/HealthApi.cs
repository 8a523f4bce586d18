namespace SupportAgent.Server.Health;

public static class HealthApi
{
    /// <summary>Liveness: answers once the host is serving (migrations and seeding finish before it listens).</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", () => TypedResults.Ok(new { status = "healthy" })).AllowAnonymous().WithTags("Health");
        return app;
    }
}
