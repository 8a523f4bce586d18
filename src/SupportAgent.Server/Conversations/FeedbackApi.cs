using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using SupportAgent.Core.Handoff;
using SupportAgent.Server.Auth;
using SupportAgent.Server.Hosting;

namespace SupportAgent.Server.Conversations;

/// <summary>The customer's thumbs up/down on an answer (the widget also sends it over the hub).</summary>
public static class FeedbackApi
{
    public sealed record FeedbackRequest([property: Required(ErrorMessage = "Send {{\"helpful\": true|false}}." /* a format string: braces doubled */)] bool? Helpful);

    public static RouteGroupBuilder MapFeedback(this IEndpointRouteBuilder app)
    {
        var group = app.MapTenantGroup("conversations", "Conversations").RequireAuthorization(Policies.Widget);
        group.MapPost("/{c}/messages/{m}/feedback", RecordAsync).AddEndpointFilter<ConversationTokenFilter>().WithSummary("Thumbs up/down on an assistant message (widget key).");
        return group;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RecordAsync(
        string c, string m, FeedbackRequest request, CurrentTenant tenant, FeedbackService feedback, CancellationToken ct)
    {
        var recorded = await feedback.RecordAsync(tenant.Id, c, m, FeedbackSource.Customer, request.Helpful!.Value, ct);
        return recorded.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.NoContent();
    }
}
