using Microsoft.AspNetCore.Diagnostics;
using SupportAgent.Core.Retrieval.Qdrant;

namespace SupportAgent.Server.Hosting;

/// <summary>
/// A knowledge index that is down, slow or rate limited is a 503 the caller can retry, not a 500 bug report. The
/// detail stays generic: the index's address is for operators (it is in the log), not for tenants.
/// </summary>
internal sealed class IndexUnavailableHandler(IProblemDetailsService problems, ILogger<IndexUnavailableHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (exception is not QdrantException { IsTransient: true }) return false;
        log.LogError(exception, "Knowledge index unavailable during {Method} {Path}", context.Request.Method, context.Request.Path);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "30";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Knowledge index unavailable",
                Detail = "The knowledge index cannot be reached right now, so nothing was changed. Try again in a minute.",
            },
        });
    }
}
