using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using SupportAgent.Core.Triage.Classification;
using SupportAgent.Server.Auth;

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
        if (request.ContentLength > MaxCsvBytes)
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, detail: $"The CSV is larger than {MaxCsvBytes / 1024 / 1024} MB.");
        var csv = await ReadCsvAsync(request, ct);
        if (csv.Error is not null) return TypedResults.Problem(statusCode: csv.TooLarge ? StatusCodes.Status413PayloadTooLarge : 400, detail: csv.Error);
        var (parsed, error) = ExamplesCsv.Parse(csv.Text!);
        error ??= TriageExamples.Validate(parsed);
        if (error is not null) return TypedResults.Problem(statusCode: 400, detail: error);
        var categories = await examples.ReplaceAsync(tenant.Id, parsed, ct);
        return TypedResults.Accepted($"/api/tenants/{tenant.Id}/triage/model", new ExamplesAccepted(parsed.Count, categories, TriageModelStatus.Training));
    }

    /// <summary>Reads the CSV without ever holding more than the limit: a chunked body has no Content-Length to check first.</summary>
    private static async Task<(string? Text, string? Error, bool TooLarge)> ReadCsvAsync(HttpRequest request, CancellationToken ct)
    {
        var tooLarge = (Text: (string?)null, Error: (string?)$"The CSV is larger than {MaxCsvBytes / 1024 / 1024} MB.", TooLarge: true);
        Stream source;
        if (request.HasFormContentType)
        {
            var file = (await request.ReadFormAsync(ct)).Files.GetFile("file");
            if (file is null) return (null, "The upload has no 'file' part; send the CSV as a 'file' part or as the request body.", false);
            if (file.Length > MaxCsvBytes) return tooLarge;
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
                if (buffer.Length + read > MaxCsvBytes) return tooLarge;
                buffer.Write(chunk, 0, read);
            }
            var text = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            return string.IsNullOrWhiteSpace(text) ? (null, "The request body is empty; send CSV with a 'text,category' header.", false) : (text, null, false);
        }
    }
}
