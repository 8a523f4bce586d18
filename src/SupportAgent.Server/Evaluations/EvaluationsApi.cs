using Microsoft.AspNetCore.Http.HttpResults;
using SupportAgent.Core.Evaluation;
using SupportAgent.Server.Auth;
using SupportAgent.Server.Conversations;

namespace SupportAgent.Server.Evaluations;

public static class EvaluationsApi
{
    /// <summary>
    /// A run holds the request while every case goes through the agent, so it is bounded like any customer input: the
    /// body, the number of cases, and each question and history turn at the chat's own message limit. Larger sets are
    /// the CLI's (<c>eval</c>), run by the operator.
    /// </summary>
    public const int MaxCases = 1000;
    public const int MaxHistoryTurns = 20;
    public const int MaxBodyBytes = 5 * 1024 * 1024;

    public static RouteGroupBuilder MapEvaluations(this IEndpointRouteBuilder app)
    {
        var group = app.MapTenantGroup("evaluations", "Evaluations").RequireAuthorization(Policies.Admin);
        group.MapPost("/", RunAsync)
            .Accepts<string>("application/x-ndjson", "application/jsonl", "text/plain")
            .WithSummary("Run evaluation cases (JSONL body, one case a line) through the agent and return the report.");
        return group;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> RunAsync(
        HttpRequest request, CurrentTenant tenant, EvaluationRunner runner, MessageValidation validation, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes) return TooLarge();
        var buffer = new char[MaxBodyBytes + 1];
        using var reader = new StreamReader(request.Body);
        var read = await reader.ReadBlockAsync(buffer, ct); // reads at most the limit, chunked bodies included
        if (read > MaxBodyBytes) return TooLarge();
        IReadOnlyList<EvaluationCase> cases;
        try { cases = EvaluationCaseReader.Read(new string(buffer, 0, read)); }
        catch (EvaluationFileException e) { return TypedResults.Problem(statusCode: 400, detail: e.Message); }
        if (CapProblem(cases, validation.MaxLength) is { } cap) return TypedResults.Problem(statusCode: 400, detail: cap);

        var report = await runner.RunAsync(tenant.Id, cases, progress: null, ct);
        // Serialized with the same options as the CLI, so the two outputs are directly comparable.
        return TypedResults.Content(ReportJson.Serialize(report), "application/json");
    }

    private static string? CapProblem(IReadOnlyList<EvaluationCase> cases, int maxLength)
    {
        if (cases.Count > MaxCases) return $"At most {MaxCases} cases per run over the API ({cases.Count} given); split the set or use the CLI's 'eval'.";
        foreach (var c in cases)
        {
            if (c.Question.Length > maxLength) return $"Case '{c.Id}': the question is longer than the {maxLength} characters a customer message may have.";
            if (c.History is { Count: > MaxHistoryTurns }) return $"Case '{c.Id}': at most {MaxHistoryTurns} history turns.";
            if (c.History?.FirstOrDefault(t => t.Text.Length > maxLength) is not null)
                return $"Case '{c.Id}': a history turn is longer than the {maxLength} characters a message may have.";
        }
        return null;
    }

    private static ProblemHttpResult TooLarge() =>
        TypedResults.Problem(statusCode: 413, detail: $"Evaluation bodies are limited to {MaxBodyBytes / 1024 / 1024} MB.");
}
