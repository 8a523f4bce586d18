using SupportAgent.Core.Retrieval.Reembedding;
using SupportAgent.Server.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SupportAgent.Core.Data;
using SupportAgent.Core.Knowledge;
using SupportAgent.Core.Knowledge.Ingestion;
using SupportAgent.Core.Outcomes;
using SupportAgent.Server.Auth;
using SupportAgent.Server.Hosting;

namespace SupportAgent.Server.Documents;

public static class DocumentsApi
{
    public sealed record DocumentDto(string Id, string Title, string Source, DocumentStatus Status, int ChunkCount, int Version, string? Error,
        DateTimeOffset UpdatedAt, string? Url, DateTimeOffset? NextAttemptAt);
    /// <summary>One uploaded file, or one line of a .jsonl file (<c>line</c>); <c>status</c> is pending, or failed with <c>error</c>.</summary>
    public sealed record UploadedDocument(string File, string? Id, DocumentStatus Status, string? Error, bool Unchanged, int? Line);
    public sealed record UploadResponse(IReadOnlyList<UploadedDocument> Documents);
    /// <param name="Reindexing">Present while the tenant's chunks are being re-embedded for a new embedding model:
    /// those documents answer from keyword search until it finishes.</param>
    public sealed record DocumentList(IReadOnlyList<DocumentDto> Documents, Reindexing? Reindexing = null);
    public sealed record Reindexing(string Model, int ChunksLeft);

    public static RouteGroupBuilder MapDocuments(this IEndpointRouteBuilder app)
    {
        var group = app.MapTenantGroup("documents", "Documents").RequireAuthorization(Policies.Admin);
        group.MapPost("/", UploadAsync).RateLimited(RateLimitCategory.Uploads).WithSummary("Upload one or more files as multipart 'file' parts (.md .txt .html .pdf .docx .jsonl).")
            .WithDescription("Returns 202 at once with a result per file (per line for .jsonl): pending, unchanged, or failed with the reason. Indexing runs in the background; poll GET for status.");
        group.MapGet("/", ListAsync).WithSummary("List the tenant's documents with status (pending|indexing|indexed|failed), chunk count and error; ?status= filters.");
        group.MapGet("/{id}", GetAsync).WithSummary("One document's status.");
        group.MapDelete("/{id}", DeleteAsync).WithSummary("Delete a document and all its chunks from the store and the index.");
        return group;
    }

    private static async Task<Results<Accepted<UploadResponse>, ProblemHttpResult>> UploadAsync(
        HttpRequest request, CurrentTenant tenant, DocumentIntake intake, IngestionQueue queue, IOptions<IngestionOptions> options, CancellationToken ct)
    {
        var upload = await ReadFilesAsync(request, options.Value, ct);
        if (upload.Refusal is { } refused) return refused.ToProblem();
        var files = upload.Value!;

        var results = new List<UploadedDocument>();
        var claimed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            // An oversized file is refused before it is read into memory.
            var outcomes = intake.TooLarge(file.FileName, file.Length) is { } tooLarge ? [tooLarge]
                : await intake.AcceptAsync(tenant.Id, new DocumentUpload(file.FileName, await ReadAsync(file, ct)), ct, claimed);
            foreach (var o in outcomes)
            {
                if (o is { Status: DocumentStatus.Pending, Unchanged: false, DocumentId: { } id }) await queue.EnqueueAsync(new DocumentKey(tenant.Id, id), ct);
                results.Add(new UploadedDocument(o.FileName, o.DocumentId, o.Status, o.Error, o.Unchanged, o.Line));
            }
        }
        return TypedResults.Accepted($"/api/tenants/{tenant.Id}/documents", new UploadResponse(results));
    }

    /// <summary>The upload's 'file' parts, or why the request as a whole is refused (each file is judged on its own later).</summary>
    private static async Task<Outcome<IReadOnlyList<IFormFile>>> ReadFilesAsync(HttpRequest request, IngestionOptions options, CancellationToken ct)
    {
        // Several files of up to MaxFileBytes each must fit; the server's default body limit (30 MB) would cut them off.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = options.MaxRequestBytes;
        if (!request.HasFormContentType) return Refusal.Invalid("Send documents as multipart/form-data with one or more 'file' parts.");
        var maxFiles = options.MaxFilesPerUpload;
        IFormCollection form;
        // The form reader refuses more parts than FormOptions allows by throwing; that is a too-large upload, not a bug.
        try { form = await request.ReadFormAsync(ct); }
        catch (InvalidDataException e)
        {
            return Refusal.TooLarge($"The upload has too many parts ({e.Message}); the limit is {maxFiles} files per upload, so send them in several uploads.");
        }
        var files = form.Files.GetFiles("file");
        if (files.Count == 0) return Refusal.Invalid("The upload has no 'file' part.");
        if (files.Count > maxFiles)
            return Refusal.TooLarge($"The upload has {files.Count:N0} files; the limit is {maxFiles} files per upload, so send them in several uploads.");
        return new Outcome<IReadOnlyList<IFormFile>>(files);
    }

    private static async Task<Results<Ok<DocumentList>, ProblemHttpResult>> ListAsync(
        CurrentTenant tenant, SupportDbContext db, ReembeddingStatus reembedding, string? status, CancellationToken ct)
    {
        var query = db.Documents.AsNoTracking().Where(d => d.TenantId == tenant.Id);
        if (status is not null)
        {
            // Parsed here rather than bound as an enum: statuses are lower-case on the wire, enum binding is case-sensitive.
            if (!Enum.TryParse<DocumentStatus>(status, ignoreCase: true, out var only) || !Enum.IsDefined(only))
                return Refusal.Invalid($"Unknown status '{status}'; use pending, indexing, indexed or failed.").ToProblem();
            query = query.Where(d => d.Status == only);
        }
        var documents = await query.OrderBy(d => d.Id).ToListAsync(ct);
        var reindexing = await reembedding.ForTenantAsync(tenant.Id, ct);
        return TypedResults.Ok(new DocumentList([.. documents.Select(ToDto)], reindexing is null ? null : new Reindexing(reindexing.Model, reindexing.ChunksLeft)));
    }

    private static async Task<Results<Ok<DocumentDto>, ProblemHttpResult>> GetAsync(string id, CurrentTenant tenant, SupportDbContext db, CancellationToken ct)
    {
        var document = await db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.TenantId == tenant.Id && d.Id == id, ct);
        return document is null ? Missing(id, tenant) : TypedResults.Ok(ToDto(document));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, CurrentTenant tenant, DocumentDeleter deleter, CancellationToken ct) =>
        await deleter.DeleteAsync(tenant.Id, id, ct) ? TypedResults.NoContent() : Missing(id, tenant);

    private static ProblemHttpResult Missing(string id, CurrentTenant tenant) =>
        Refusal.NotFound($"Document '{id}' does not exist in tenant '{tenant.Id}'.").ToProblem();

    private static async Task<byte[]> ReadAsync(IFormFile file, CancellationToken ct)
    {
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    private static DocumentDto ToDto(Document d) =>
        new(d.Id, d.Title, d.Source, d.Status, d.ChunkCount, d.Version, d.Error, d.UpdatedAt, d.Url, d.NextAttemptAt);
}
