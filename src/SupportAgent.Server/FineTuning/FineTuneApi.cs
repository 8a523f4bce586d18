using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SupportAgent.Core.Data;
using SupportAgent.Core.FineTuning;
using SupportAgent.Server.Auth;

namespace SupportAgent.Server.FineTuning;

public static class FineTuneApi
{
    public static WebApplicationBuilder AddFineTuning(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ApprovedExamples>();
        builder.Services.AddScoped<FineTuneReadiness>();
        builder.Services.AddScoped<TrainingExport>();
        return builder;
    }

    public static RouteGroupBuilder MapFineTuning(this IEndpointRouteBuilder app)
    {
        var group = app.MapTenantGroup("finetune", "Fine-tuning").RequireAuthorization(Policies.Admin);
        group.MapGet("/readiness", ReadinessAsync).WithSummary("Should this tenant fine-tune? not_yet | consider | recommended, with the reasons.");
        group.MapGet("/export", ExportAsync).Produces<string>(200, "application/jsonl")
            .WithSummary("Staff-approved conversations as chat-format JSONL, PII-scrubbed and de-duplicated; ?split=train (default) or heldout.");
        return group;
    }

    private static async Task<Ok<ReadinessReport>> ReadinessAsync(CurrentTenant tenant, FineTuneReadiness readiness, CancellationToken ct) =>
        TypedResults.Ok(await readiness.AssessAsync(tenant.Id, ct));

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> ExportAsync(string? split, CurrentTenant tenant, SupportDbContext db,
        TrainingExport export, HttpResponse response, CancellationToken ct)
    {
        var chosen = split?.ToLowerInvariant() switch
        {
            null or "" or "train" => ExportSplit.Train,
            "heldout" or "held-out" => ExportSplit.HeldOut,
            _ => (ExportSplit?)null,
        };
        if (chosen is null) return TypedResults.Problem(statusCode: 400, detail: $"Unknown split '{split}'; use 'train' or 'heldout'.");
        var owner = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == tenant.Id, ct);
        var result = await export.BuildAsync(owner, chosen.Value, ct);
        // The counts of both sides travel with either file, so a trainer can check it got the whole set.
        response.Headers["X-Train-Examples"] = result.Train.ToString();
        response.Headers["X-HeldOut-Examples"] = result.HeldOut.ToString();
        response.Headers.ContentDisposition = $"attachment; filename=\"{tenant.Id}-{(chosen == ExportSplit.Train ? "train" : "heldout")}.jsonl\"";
        return TypedResults.Text(result.Jsonl, "application/jsonl; charset=utf-8");
    }
}
