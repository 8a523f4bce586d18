using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SupportAgent.Core.Conversations;
using SupportAgent.Core.Data;
using SupportAgent.Server.Auth;
using SupportAgent.Server.Conversations;

namespace SupportAgent.Server.Escalations;

public static class EscalationsApi
{
    public sealed record EscalationList(IReadOnlyList<EscalationView> Escalations);

    public static RouteGroupBuilder MapEscalations(this IEndpointRouteBuilder app)
    {
        var group = app.MapTenantGroup("escalations", "Escalations").RequireAuthorization(Policies.Staff);
        group.MapGet("/", ListAsync).WithSummary("The queue: highest priority first, then oldest.");
        group.MapGet("/{id}", GetAsync);
        group.MapEscalationActions();
        return group;
    }

    private static async Task<Results<Ok<EscalationList>, ProblemHttpResult>> ListAsync(
        string? status, CurrentTenant tenant, SupportDbContext db, QueueViews views, CancellationToken ct)
    {
        var query = db.Escalations.AsNoTracking().Where(e => e.TenantId == tenant.Id);
        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.TryParse<EscalationStatus>(status, ignoreCase: true, out var parsed))
                return TypedResults.Problem(statusCode: 400, detail: $"Unknown status '{status}'; use 'open' or 'resolved'.");
            query = query.Where(e => e.Status == parsed);
        }
        var items = await query.OrderBy(e => e.Priority).ThenBy(e => e.CreatedAt).Take(500).ToListAsync(ct);
        return TypedResults.Ok(new EscalationList(await views.ToViewsAsync(tenant.Id, items, ct)));
    }

    private static async Task<Results<Ok<EscalationView>, ProblemHttpResult>> GetAsync(
        string id, CurrentTenant tenant, SupportDbContext db, QueueViews views, CancellationToken ct)
    {
        var escalation = await db.Escalations.AsNoTracking().FirstOrDefaultAsync(e => e.TenantId == tenant.Id && e.Id == id, ct);
        return escalation is null
            ? TypedResults.Problem(statusCode: 404, detail: $"Escalation '{id}' does not exist in tenant '{tenant.Id}'.")
            : TypedResults.Ok(await views.ToViewAsync(escalation, ct));
    }
}
