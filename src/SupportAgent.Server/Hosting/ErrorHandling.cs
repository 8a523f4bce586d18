namespace SupportAgent.Server.Hosting;

public static class ErrorHandling
{
    /// <summary>Every error is RFC 7807 ProblemDetails with a detail a caller can act on, including 401/403/404 from middleware.</summary>
    public static WebApplicationBuilder AddProblemResponses(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            problem.Instance ??= context.HttpContext.Request.Path;
            // A request that fails its annotations says which fields and why, in `errors` (keyed as the JSON names them)
            // and in one readable sentence.
            if (problem is HttpValidationProblemDetails { Errors.Count: > 0 } fields)
                fields.Errors = fields.Errors.ToDictionary(e => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(e.Key), e => e.Value);
            problem.Detail ??= problem is HttpValidationProblemDetails { Errors.Count: > 0 } invalid
                ? string.Join(" ", invalid.Errors.SelectMany(e => e.Value))
                : problem.Status switch
            {
                StatusCodes.Status400BadRequest => "The request is malformed: check the JSON body and the parameters.",
                StatusCodes.Status401Unauthorized => "A valid API key is required: send it as 'X-Api-Key: <key>' or 'Authorization: Bearer <key>'.",
                StatusCodes.Status403Forbidden => "This key's role is not allowed to do this.",
                StatusCodes.Status404NotFound => $"Nothing is served at '{context.HttpContext.Request.Path}'.",
                StatusCodes.Status405MethodNotAllowed => $"'{context.HttpContext.Request.Method}' is not supported on '{context.HttpContext.Request.Path}'.",
                StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
                StatusCodes.Status415UnsupportedMediaType => "The request's Content-Type is not supported here.",
                >= 500 => "The server failed to handle the request; it has been logged.",
                _ => null,
            };
        });
        builder.Services.AddExceptionHandler<IndexUnavailableHandler>();
        builder.Services.AddExceptionHandler<BadRequestHandler>();
        // Binding failures throw in every environment (the default only does in Development, and elsewhere answers
        // an empty 400), so BadRequestHandler turns each into one ProblemDetails with the reason.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddValidation();
        return builder;
    }

    public static WebApplication UseProblemResponses(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}
