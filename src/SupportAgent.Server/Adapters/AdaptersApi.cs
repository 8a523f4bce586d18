using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SupportAgent.Core.Adapters;
using SupportAgent.Core.Evaluation;
using SupportAgent.Server.Auth;
using SupportAgent.Server.Hosting;

namespace SupportAgent.Server.Adapters;

public static class AdaptersApi
{
    public sealed record ActivateRequest(
        [property: Required(ErrorMessage = "A 'reason' is required to activate an adapter without a passing evaluation."),
            StringLength(1000, ErrorMessage = "'reason' must be at most {1} characters.")] string? Reason);
    public sealed record EvaluationResult(AdapterStatus Status, AdapterComparison Comparison);

    private const int MaxEvaluationBodyBytes = 5 * 1024 * 1024;

    public static RouteGroupBuilder MapAdapters(this IEndpointRouteBuilder app)
    {
        var group = app.MapTenantGroup("adapter", "Adapters").RequireAuthorization(Policies.Admin);
        group.MapGet("/", GetAsync).WithSummary("The tenant's LoRA adapter: status (registered|active|suspended), why, and the last evaluation.");
        group.MapPut("/", PutAsync).WithSummary("Register or replace the adapter; the server's /v1/models must serve it on the base model.");
        group.MapDelete("/", DeleteAsync).WithSummary("Remove the adapter; the tenant goes back to the base model.");
        group.MapPost("/evaluate", EvaluateAsync).Accepts<string>("application/jsonl", "application/x-ndjson", "text/plain")
            .WithSummary("Run JSONL evaluation cases through base and adapter; activate the adapter only if it is at least as good.");
        group.MapPost("/activate", ActivateAsync).WithSummary("Force-activate the adapter, recording the reason.");
        app.MapGroup("/api/adapter-names").WithTags("Adapters").RequireAuthorization(Policies.Operator)
            .MapDelete("/{name}", ReleaseNameAsync)
            .WithSummary("Release an adapter name (operator): names stay bound to their tenant after the adapter or tenant is deleted.");
        return group;
    }

    private static async Task<Results<Ok<AdapterView>, ProblemHttpResult>> GetAsync(CurrentTenant tenant, AdapterRegistry registry, CancellationToken ct) =>
        await registry.FindAsync(tenant.Id, ct) is { } adapter ? TypedResults.Ok(AdapterView.From(adapter)) : NoAdapter(tenant);

    private static async Task<Results<Ok<AdapterView>, ProblemHttpResult>> PutAsync(AdapterRegistration registration, CurrentTenant tenant,
        AdapterRegistry registry, CancellationToken ct)
    {
        var change = await registry.RegisterAsync(tenant.Id, registration, ct);
        return change.Value is { } adapter ? TypedResults.Ok(AdapterView.From(adapter)) : change.Refusal!.ToProblem();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(CurrentTenant tenant, AdapterRegistry registry, CancellationToken ct) =>
        await registry.DeleteAsync(tenant.Id, ct) ? TypedResults.NoContent() : NoAdapter(tenant);

    private static async Task<Results<Ok<AdapterView>, ProblemHttpResult>> ActivateAsync(ActivateRequest request, CurrentTenant tenant,
        AdapterRegistry registry, CancellationToken ct)
    {
        return await registry.ActivateAsync(tenant.Id, $"Activated by an admin: {request.Reason!.Trim()}", ct) is { } adapter
            ? TypedResults.Ok(AdapterView.From(adapter)) : NoAdapter(tenant);
    }

    private static async Task<Results<Ok<EvaluationResult>, ProblemHttpResult>> EvaluateAsync(HttpRequest request, CurrentTenant tenant,
        AdapterRegistry registry, AdapterEvaluator evaluator, IOptions<AdapterOptions> options, CancellationToken ct)
    {
        if (request.ContentLength > MaxEvaluationBodyBytes)
            return TypedResults.Problem(statusCode: 413, detail: $"Evaluation bodies are limited to {MaxEvaluationBodyBytes / 1024 / 1024} MB.");
        if (await registry.FindAsync(tenant.Id, ct) is not { } adapter) return NoAdapter(tenant);
        using var reader = new StreamReader(request.Body);
        IReadOnlyList<EvaluationCase> cases;
        try { cases = EvaluationCaseReader.Read(await reader.ReadToEndAsync(ct)); }
        catch (EvaluationFileException e) { return TypedResults.Problem(statusCode: 400, detail: e.Message); }
        if (cases.Count > options.Value.MaxEvaluationCases)
            return TypedResults.Problem(statusCode: 400, detail: $"At most {options.Value.MaxEvaluationCases} cases are accepted per adapter evaluation (each runs on both models).");

        var comparison = await evaluator.EvaluateAsync(adapter, cases, ct);
        var status = (await registry.FindAsync(tenant.Id, ct))?.Status ?? adapter.Status;
        return TypedResults.Ok(new EvaluationResult(status, comparison));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ReleaseNameAsync(string name, AdapterRegistry registry, CancellationToken ct) =>
        await registry.ReleaseNameAsync(name, ct) switch
        {
            NameRelease.Released => TypedResults.NoContent(),
            NameRelease.InUse => TypedResults.Problem(statusCode: 409, detail: $"Adapter name '{name}' is used by a registered adapter; its tenant must delete the adapter first."),
            _ => TypedResults.Problem(statusCode: 404, detail: $"Adapter name '{name}' is not bound to any tenant."),
        };

    private static ProblemHttpResult NoAdapter(CurrentTenant tenant) =>
        TypedResults.Problem(statusCode: 404, detail: $"Tenant '{tenant.Id}' has no adapter registered; PUT /api/tenants/{tenant.Id}/adapter first.");
}
