using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SupportAgent.Core.Data;
using SupportAgent.Core.Hosting;
using SupportAgent.Server.Auth;

namespace SupportAgent.Server.Home;

/// <summary>
/// What the widget needs to know before the first message: the tenant's greeting and the server's message limit, so
/// the text box refuses what the server would refuse instead of hard-coding a number that configuration can change.
/// </summary>
public static class WidgetConfigApi
{
    public sealed record WidgetConfig(string Greeting, int MaxMessageLength);

    public static RouteGroupBuilder MapWidgetConfig(this IEndpointRouteBuilder app)
    {
        var group = app.MapTenantGroup("widget", "Widget").RequireAuthorization(Policies.Widget);
        group.MapGet("/", GetAsync).WithName("getWidgetConfig").WithSummary("The widget's greeting and limits (widget key).");
        return group;
    }

    private static async Task<Results<Ok<WidgetConfig>, ProblemHttpResult>> GetAsync(CurrentTenant tenant, SupportDbContext db, IOptions<ChatOptions> chat, CancellationToken ct)
    {
        var settings = await db.Tenants.AsNoTracking().Where(t => t.Id == tenant.Id).Select(t => t.Settings).FirstOrDefaultAsync(ct);
        return settings is null
            ? TypedResults.Problem(statusCode: 404, detail: $"Tenant '{tenant.Id}' does not exist.")
            : TypedResults.Ok(new WidgetConfig(settings.WidgetGreeting, chat.Value.MaxMessageLength));
    }
}
