using Microsoft.AspNetCore.Http.HttpResults;
using SupportAgent.Core.Outcomes;

namespace SupportAgent.Server.Hosting;

public static class RefusalResults
{
    /// <summary>The one mapping from a domain refusal to RFC 7807 ProblemDetails.</summary>
    public static ProblemHttpResult ToProblem(this Refusal refusal) => TypedResults.Problem(detail: refusal.Detail, statusCode: refusal.Kind switch
    {
        RefusalKind.NotFound => StatusCodes.Status404NotFound,
        RefusalKind.Conflict => StatusCodes.Status409Conflict,
        RefusalKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        _ => StatusCodes.Status400BadRequest,
    });
}
