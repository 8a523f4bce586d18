using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using SupportAgent.Core.Outcomes;
using SupportAgent.Core.Triage.Classification;
using SupportAgent.Server.Auth;
using SupportAgent.Server.Hosting;

namespace SupportAgent.Server.Triage;

public static class TriageApi
{
    public sealed record ExamplesAccepted(int Examples, IReadOnlyList<string> Categories, string Status);

    /// <summary>Largest CSV accepted (about 50,000 short examples).</summary>
    private const int MaxCsvBytes = 10 * 1024 * 1024;

    public static RouteGroupBuilder MapTriage(this IEndpointRouteBuilder app)
    {
        var group = app.MapTenantGroup("triage", "Triage").RequireAuthorization(Policies.Admin);
        group.MapPost("/examples", UploadExamplesAsync)
            .WithSummary("Replace the tenant's labelled examples (CSV 'text,category', as the body or a multipart 'file' part) and retrain in the background.");
        group.MapGet("/model", async (CurrentTenant tenant, TriageModelStore store, CancellationToken ct) => TypedResults.Ok(await store.StatusAsync(tenant.Id, ct)))
            .WithSummary("The classifier's state: none, training, ready or failed, with its categories and calibrated out-of-scope threshold.");
        return group;
    }

    private static async Task<Results<Accepted<ExamplesAccepted>, ProblemHttpResult>> UploadExamplesAsync(
        HttpRequest request, CurrentTenant tenant, TriageExamples examples, CancellationToken ct)
    {
        var csv = request.ContentLength > MaxCsvBytes ? TooLarge : await ReadCsvAsync(request, ct);
        if (csv.Refusal is { } unreadable) return unreadable.ToProblem();
        var read = TriageExamples.FromCsv(csv.Value!);
        if (read.Refusal is { } refused) return refused.ToProblem();
        var parsed = read.Value!;
        var categories = await examples.ReplaceAsync(tenant.Id, parsed, ct);
        return TypedResults.Accepted($"/api/tenants/{tenant.Id}/triage/model", new ExamplesAccepted(parsed.Count, categories, TriageModelStatus.Training));
    }

    private static readonly Refusal TooLarge = Refusal.TooLarge($"The CSV is larger than {MaxCsvBytes / 1024 / 1024} MB.");

    /// <summary>Reads the CSV without ever holding more than the limit: a chunked body has no Content-Length to check first.</summary>
    private static async Task<Outcome<string>> ReadCsvAsync(HttpRequest request, CancellationToken ct)
    {
        Stream source;
        if (request.HasFormContentType)
        {
            var file = (await request.ReadFormAsync(ct)).Files.GetFile("file");
            if (file is null) return Refusal.Invalid("The upload has no 'file' part; send the CSV as a 'file' part or as the request body.");
            if (file.Length > MaxCsvBytes) return TooLarge;
            source = file.OpenReadStream();
        }
        else source = request.Body;
        await using (source)
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await source.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > MaxCsvBytes) return TooLarge;
                buffer.Write(chunk, 0, read);
            }
            var text = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            return string.IsNullOrWhiteSpace(text) ? Refusal.Invalid("The request body is empty; send CSV with a 'text,category' header.") : text;
        }
    }
}
