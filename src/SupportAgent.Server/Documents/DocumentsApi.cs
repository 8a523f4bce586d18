using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SupportAgent.Core.Data;
using SupportAgent.Core.Knowledge;
using SupportAgent.Core.Knowledge.Ingestion;
using SupportAgent.Server.Auth;

namespace SupportAgent.Server.Documents;

public static class DocumentsApi
{
    public sealed record DocumentDto(string Id, string Title, string Source, DocumentStatus Status, int ChunkCount, int Version, string? Error, DateTimeOffset UpdatedAt);
    public sealed record UploadedDocument(string File, string? Id, DocumentStatus Status, string? Error, bool Unchanged);
    public sealed record UploadResponse(IReadOnlyList<UploadedDocument> Documents);
    public sealed record DocumentList(IReadOnlyList<DocumentDto> Documents);

    public static RouteGroupBuilder MapDocuments(this IEndpointRouteBuilder app)
    {
        var group = app.MapTenantGroup("documents", "Documents").RequireAuthorization(Policies.Admin);
        group.MapPost("/", UploadAsync).WithSummary("Upload one or more files as multipart 'file' parts.");
        group.MapGet("/", ListAsync);
        group.MapGet("/{id}", GetAsync);
        return group;
    }

    private static async Task<Results<Accepted<UploadResponse>, ProblemHttpResult>> UploadAsync(
        HttpRequest request, CurrentTenant tenant, DocumentIngestor ingestor, CancellationToken ct)
    {
        if (!request.HasFormContentType)
            return TypedResults.Problem(statusCode: 400, detail: "Send documents as multipart/form-data with one or more 'file' parts.");
        var form = await request.ReadFormAsync(ct);
        var files = form.Files.GetFiles("file");
        if (files.Count == 0)
            return TypedResults.Problem(statusCode: 400, detail: "The upload has no 'file' part.");

        var results = new List<UploadedDocument>();
        foreach (var file in files)
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            var outcome = await ingestor.IngestAsync(tenant.Id, new DocumentUpload(file.FileName, buffer.ToArray()), ct);
            results.Add(new UploadedDocument(outcome.FileName, outcome.DocumentId, outcome.Status, outcome.Error, outcome.Unchanged));
        }
        return TypedResults.Accepted($"/api/tenants/{tenant.Id}/documents", new UploadResponse(results));
    }

    private static async Task<Ok<DocumentList>> ListAsync(CurrentTenant tenant, SupportDbContext db, CancellationToken ct)
    {
        var documents = await db.Documents.AsNoTracking().Where(d => d.TenantId == tenant.Id).OrderBy(d => d.Id).ToListAsync(ct);
        return TypedResults.Ok(new DocumentList([.. documents.Select(ToDto)]));
    }

    private static async Task<Results<Ok<DocumentDto>, ProblemHttpResult>> GetAsync(string id, CurrentTenant tenant, SupportDbContext db, CancellationToken ct)
    {
        var document = await db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.TenantId == tenant.Id && d.Id == id, ct);
        return document is null
            ? TypedResults.Problem(statusCode: 404, detail: $"Document '{id}' does not exist in tenant '{tenant.Id}'.")
            : TypedResults.Ok(ToDto(document));
    }

    private static DocumentDto ToDto(Document d) => new(d.Id, d.Title, d.Source, d.Status, d.ChunkCount, d.Version, d.Error, d.UpdatedAt);
}
