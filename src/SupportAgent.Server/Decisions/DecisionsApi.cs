using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SupportAgent.Core.Conversations;
using SupportAgent.Core.Data;
using SupportAgent.Server.Auth;

namespace SupportAgent.Server.Decisions;

/// <summary>The audit trail: why the agent answered or escalated each message, for staff reviewing its behaviour.</summary>
public static class DecisionsApi
{
    public sealed record DecisionList(IReadOnlyList<Decision> Decisions);

    public static RouteGroupBuilder MapDecisions(this IEndpointRouteBuilder app)
    {
        var group = app.MapTenantGroup("decisions", "Decisions").RequireAuthorization(Policies.Staff);
        group.MapGet("/", ListAsync).WithSummary("Recent decisions, newest first (category, urgency, sentiment, retrieval score, action, reasons, model, latency); filter by conversationId.");
        return group;
    }

    private static async Task<Results<Ok<DecisionList>, ProblemHttpResult>> ListAsync(
        string? conversationId, int? limit, CurrentTenant tenant, SupportDbContext db, CancellationToken ct)
    {
        if (limit is < 1 or > 500) return TypedResults.Problem(statusCode: 400, detail: $"'limit' must be between 1 and 500 (got {limit}).");
        var query = db.Decisions.AsNoTracking().Where(d => d.TenantId == tenant.Id);
        if (!string.IsNullOrEmpty(conversationId)) query = query.Where(d => d.ConversationId == conversationId);
        var items = await query.OrderByDescending(d => d.CreatedAt).Take(limit ?? 100).ToListAsync(ct);
        return TypedResults.Ok(new DecisionList(items));
    }
}
