using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace SupportAgent.Server.Hosting;

/// <summary>
/// A body the server cannot read (malformed JSON, a missing body, a form past its limits, a body too large) is the
/// caller's mistake: a 4xx ProblemDetails that says what was wrong, in every environment, never a 500. Endpoint
/// binding throws for these in every environment (see <see cref="ErrorHandling"/>) so they all arrive here.
/// </summary>
internal sealed class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var (status, detail) = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } bad => (bad.StatusCode, $"The JSON body is malformed: {json.Message}"),
            BadHttpRequestException bad => (bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? "The request body is larger than this endpoint accepts." : bad.Message),
            JsonException json => (StatusCodes.Status400BadRequest, $"The JSON body is malformed: {json.Message}"),
            _ => (0, null),
        };
        if (detail is null || context.Response.HasStarted) return false;
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = status, Detail = detail },
        });
    }
}
