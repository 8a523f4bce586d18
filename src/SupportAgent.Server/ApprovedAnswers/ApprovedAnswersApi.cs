using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using SupportAgent.Core.Handoff;
using SupportAgent.Server.Auth;
using SupportAgent.Server.Conversations;

namespace SupportAgent.Server.ApprovedAnswers;

/// <summary>Admins curate the approved Q&amp;A pairs that answer matching questions directly.</summary>
public static class ApprovedAnswersApi
{
    public sealed record ApprovedAnswerRequest(
        [property: Required(ErrorMessage = "'question' must not be empty."),
            StringLength(ApprovedAnswerStore.MaxLength, ErrorMessage = "'question' must be at most {1} characters.")] string? Question,
        [property: Required(ErrorMessage = "'answer' must not be empty."),
            StringLength(ApprovedAnswerStore.MaxLength, ErrorMessage = "'answer' must be at most {1} characters.")] string? Answer);
    public sealed record ApprovedAnswerList(IReadOnlyList<ApprovedAnswerView> ApprovedAnswers);

    public static RouteGroupBuilder MapApprovedAnswers(this IEndpointRouteBuilder app)
    {
        var group = app.MapTenantGroup("approved-answers", "Approved answers").RequireAuthorization(Policies.Admin);
        group.MapGet("/", ListAsync);
        group.MapPost("/", CreateAsync);
        group.MapPut("/{id}", UpdateAsync);
        group.MapDelete("/{id}", DeleteAsync);
        return group;
    }

    private static async Task<Ok<ApprovedAnswerList>> ListAsync(CurrentTenant tenant, ApprovedAnswerStore answers, CancellationToken ct) =>
        TypedResults.Ok(new ApprovedAnswerList([.. (await answers.ListAsync(tenant.Id, ct)).Select(ApprovedAnswerView.From)]));

    private static async Task<Results<Created<ApprovedAnswerView>, ProblemHttpResult>> CreateAsync(
        ApprovedAnswerRequest request, CurrentTenant tenant, ApprovedAnswerStore answers, CancellationToken ct)
    {
        var created = await answers.CreateAsync(tenant.Id, request.Question!, request.Answer!, ct);
        return TypedResults.Created($"/api/tenants/{tenant.Id}/approved-answers/{created.Id}", ApprovedAnswerView.From(created));
    }

    private static async Task<Results<Ok<ApprovedAnswerView>, ProblemHttpResult>> UpdateAsync(
        string id, ApprovedAnswerRequest request, CurrentTenant tenant, ApprovedAnswerStore answers, CancellationToken ct)
    {
        return await answers.UpdateAsync(tenant.Id, id, request.Question!, request.Answer!, ct) is { } updated
            ? TypedResults.Ok(ApprovedAnswerView.From(updated))
            : NotFound(tenant.Id, id);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, CurrentTenant tenant, ApprovedAnswerStore answers, CancellationToken ct) =>
        await answers.DeleteAsync(tenant.Id, id, ct) ? TypedResults.NoContent() : NotFound(tenant.Id, id);

    private static ProblemHttpResult NotFound(string tenant, string id) =>
        TypedResults.Problem(statusCode: 404, detail: $"Approved answer '{id}' does not exist in tenant '{tenant}'.");
}
