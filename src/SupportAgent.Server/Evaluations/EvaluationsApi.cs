using Microsoft.AspNetCore.Http.HttpResults;
using SupportAgent.Core.Evaluation;
using SupportAgent.Server.Auth;

namespace SupportAgent.Server.Evaluations;

public static class EvaluationsApi
{
    public static RouteGroupBuilder MapEvaluations(this IEndpointRouteBuilder app)
    {
        var group = app.MapTenantGroup("evaluations", "Evaluations").RequireAuthorization(Policies.Admin);
        group.MapPost("/", RunAsync)
            .Accepts<string>("application/x-ndjson", "application/jsonl", "text/plain")
            .WithSummary("Run evaluation cases (JSONL body, one case a line) through the agent and return the report.");
        return group;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> RunAsync(
        HttpRequest request, CurrentTenant tenant, EvaluationRunner runner, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(ct);
        IReadOnlyList<EvaluationCase> cases;
        try { cases = EvaluationCaseReader.Read(body); }
        catch (EvaluationFileException e) { return TypedResults.Problem(statusCode: 400, detail: e.Message); }

        var report = await runner.RunAsync(tenant.Id, cases, progress: null, ct);
        // Serialized with the same options as the CLI, so the two outputs are directly comparable.
        return TypedResults.Content(ReportJson.Serialize(report), "application/json");
    }
}
