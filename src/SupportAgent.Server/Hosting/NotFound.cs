namespace SupportAgent.Server.Hosting;

public static class NotFound
{
    /// <summary>Unknown routes get a 404 ProblemDetails rather than an empty body or an auth challenge.</summary>
    public static IEndpointRouteBuilder MapNotFound(this IEndpointRouteBuilder app)
    {
        app.MapFallback((HttpContext context) => UnsupportedMediaType.Detail(context) is { } wrongType
            ? TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, detail: wrongType)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"Nothing is served at '{context.Request.Path}'."))
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
