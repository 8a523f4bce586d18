using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using SupportAgent.Core.Handoff;
using SupportAgent.Core.Outcomes;
using SupportAgent.Server.Auth;
using SupportAgent.Server.Conversations;
using SupportAgent.Server.Hosting;
using SupportAgent.Server.Validation;

namespace SupportAgent.Server.Escalations;

/// <summary>What staff do with an escalation: reply (pushed live to the customer), resolve, and judge the agent's answer.</summary>
public static class EscalationActions
{
    public sealed record ReplyRequest([property: MessageText] string? Text);
    public sealed record ResolveRequest(bool SaveAsApproved = false,
        [property: StringLength(ApprovedAnswerStore.MaxLength, ErrorMessage = "'question' must be at most {1} characters.")] string? Question = null,
        [property: StringLength(ApprovedAnswerStore.MaxLength, ErrorMessage = "'answer' must be at most {1} characters.")] string? Answer = null);
    public sealed record ResolveResponse(EscalationView Escalation, ApprovedAnswerView? ApprovedAnswer);
    public sealed record VerdictRequest([property: Required(ErrorMessage = "Send {{\"correct\": true|false}}." /* a format string: braces doubled */)] bool? Correct);

    public static RouteGroupBuilder MapEscalationActions(this RouteGroupBuilder group)
    {
        group.MapGet("/{id}/transcript", EscalationTranscript.GetAsync).WithSummary("The conversation, the decision record and the staff verdict.");
        group.MapPost("/{id}/reply", ReplyAsync).WithSummary("Reply as staff; the customer sees it live.");
        group.MapPost("/{id}/resolve", ResolveAsync).WithSummary("Resolve; optionally save the question and reply as an approved answer.");
        group.MapPost("/{id}/verdict", VerdictAsync).WithSummary("Mark the agent's answer correct or incorrect.");
        return group;
    }

    private static async Task<Results<Ok<MessageView>, ProblemHttpResult>> ReplyAsync(string id, ReplyRequest request, CurrentTenant tenant,
        HttpContext http, HandoffService handoff, CancellationToken ct)
    {
        var author = http.User.FindFirst(SupportClaims.KeyPrefix)?.Value;
        var outcome = await handoff.ReplyAsync(tenant.Id, id, request.Text!.Trim(), author, ct);
        if (outcome.Refusal is { } refusal) return refusal.ToProblem();
        return TypedResults.Ok(MessageView.From(outcome.Value!));
    }

    private static async Task<Results<Ok<ResolveResponse>, ProblemHttpResult>> ResolveAsync(string id, ResolveRequest? request, CurrentTenant tenant,
        HandoffService handoff, QueueViews views, CancellationToken ct)
    {
        request ??= new ResolveRequest();
        var outcome = await handoff.ResolveAsync(tenant.Id, id, request.SaveAsApproved, request.Question, request.Answer, ct);
        if (outcome.Refusal is { } refusal) return refusal.ToProblem();
        var view = await views.ToViewAsync(outcome.Value!.Escalation, ct);
        return TypedResults.Ok(new ResolveResponse(view, outcome.Value.Approved is { } a ? ApprovedAnswerView.From(a) : null));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> VerdictAsync(string id, VerdictRequest request, CurrentTenant tenant,
        HandoffService handoff, FeedbackService feedback, EscalationTranscript.Lookup lookup, CancellationToken ct)
    {
        var correct = request.Correct!.Value;
        if (await handoff.FindAsync(tenant.Id, id, ct) is not { } escalation)
            return TypedResults.Problem(statusCode: 404, detail: $"Escalation '{id}' does not exist in tenant '{tenant.Id}'.");
        var answerId = await lookup.AgentReplyIdAsync(escalation, ct);
        if (answerId is null || (await feedback.RecordAsync(tenant.Id, escalation.ConversationId, answerId, FeedbackSource.Staff, correct, ct)).Refusal is not null)
            return Refusal.Conflict($"Escalation '{id}' has no agent answer to judge.").ToProblem();
        return TypedResults.NoContent();
    }
}
