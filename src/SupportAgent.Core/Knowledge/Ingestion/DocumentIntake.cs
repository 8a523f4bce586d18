using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SupportAgent.Core.Data;
using SupportAgent.Core.Knowledge.Parsing;

namespace SupportAgent.Core.Knowledge.Ingestion;

/// <summary>
/// The synchronous half of ingestion: checks each uploaded file (type, size, empty; each .jsonl line on its own)
/// and stores what passes as a pending document with its bytes. The file itself is not parsed here: a file is
/// hostile until parsed, so parsing runs in the background worker inside its sandbox of limits, and the upload
/// answers at once. A file that fails here leaves nothing behind.
/// </summary>
public sealed class DocumentIntake(SupportDbContext db, ParserRegistry parsers, IOptions<IngestionOptions> options, TimeProvider clock)
{
    /// <param name="upload">The file.</param>
    /// <param name="claimed">
    /// Ids already taken by earlier files of the same request (id → file name): a second file that would become the
    /// same document is a per-file error, never a silent overwrite. Null for a single file.
    /// </param>
    public async Task<IReadOnlyList<IngestionOutcome>> AcceptAsync(string tenantId, DocumentUpload upload, CancellationToken ct,
        IDictionary<string, string>? claimed = null)
    {
        var parser = parsers.For(upload.FileName);
        if (parser is null)
            return [Rejected(upload, $"'{upload.FileName}' has an unsupported type; supported: {string.Join(", ", parsers.Extensions.Order())}.")];
        if (upload.Content.Length == 0)
            return [Rejected(upload, $"'{upload.FileName}' is empty.")];
        if (TooLarge(upload.FileName, upload.Content.Length) is { } tooLarge) return [tooLarge];

        var staged = new List<Staged>();
        var outcomes = new List<IngestionOutcome>();
        try
        {
            if (parser is JsonlParser)
            {
                foreach (var record in JsonlParser.Records(upload.Content, upload.FileName))
                {
                    if (record.Error is not null) outcomes.Add(Rejected(upload, record.Error) with { DocumentId = record.Id, Line = record.Line });
                    else
                    {
                        // One JSON line, read with System.Text.Json's depth limit: cheap and bounded, and it names the document.
                        var parsed = parser.Parse(record.Content!, upload.FileName);
                        staged.Add(new Staged(record.Id!, record.Content!, parsed.Title, parsed.Url, $"jsonl:{upload.FileName}", record.Line));
                    }
                }
                if (staged.Count == 0 && outcomes.Count == 0) return [Rejected(upload, $"'{upload.FileName}' has no records.")];
            }
            else staged.Add(new Staged(DocumentIds.FromFileName(upload.FileName), upload.Content, TextDecoding.TitleFromFileName(upload.FileName), null, upload.FileName, null));
        }
        catch (DocumentRejectedException e) { return [Rejected(upload, e.Message)]; }

        if (claimed is not null)
        {
            foreach (var s in staged.Where(s => claimed.ContainsKey(s.Id)).ToList())
            {
                staged.Remove(s);
                outcomes.Add(Rejected(upload, $"'{upload.FileName}' would become document '{s.Id}', which '{claimed[s.Id]}' earlier in the same upload already is; rename one of them.")
                    with { DocumentId = s.Id, Line = s.Line });
            }
            foreach (var s in staged) claimed.TryAdd(s.Id, upload.FileName);
        }
        outcomes.AddRange(await StageWithRetryAsync(tenantId, upload.FileName, staged, ct));
        return [.. outcomes.OrderBy(o => o.Line ?? 0)];
    }

    /// <summary>
    /// Two uploads of a new document at once both find no row and both insert; the loser's insert hits the key. It
    /// then stages again and finds the winner's row, so it replaces it (or is unchanged) instead of failing with 500.
    /// </summary>
    private async Task<IEnumerable<IngestionOutcome>> StageWithRetryAsync(string tenantId, string fileName, List<Staged> staged, CancellationToken ct)
    {
        return await WriteConflicts.RetryAsync(db, token => StageAsync(tenantId, fileName, staged, token), ct);
    }

    private async Task<IEnumerable<IngestionOutcome>> StageAsync(string tenantId, string fileName, List<Staged> staged, CancellationToken ct)
    {
        var ids = staged.Select(s => s.Id).ToList();
        var existing = await db.Documents.Where(d => d.TenantId == tenantId && ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);
        var contents = await db.DocumentContents.Where(c => c.TenantId == tenantId && ids.Contains(c.DocumentId)).ToDictionaryAsync(c => c.DocumentId, ct);
        var now = clock.GetUtcNow();
        var outcomes = new List<IngestionOutcome>();
        foreach (var s in staged)
        {
            var hash = DocumentIds.ContentHash(s.Content);
            var document = existing.GetValueOrDefault(s.Id);
            // The id belongs to another file ("faq.md" holds "faq", now "faq.html" arrives): refuse rather than overwrite.
            if (document is not null && !string.Equals(document.Source, s.Source, StringComparison.OrdinalIgnoreCase))
            {
                outcomes.Add(new IngestionOutcome(fileName, s.Id, DocumentStatus.Failed,
                    $"'{fileName}' would become document '{s.Id}', which already holds '{document.Source}'; rename the file, or delete '{s.Id}' first.", Line: s.Line));
                continue;
            }
            // Same bytes as the last accepted version: nothing to do (a failed one is tried again, e.g. after a fix).
            if (document is not null && document.ContentHash == hash && document.Status != DocumentStatus.Failed)
            {
                outcomes.Add(new IngestionOutcome(fileName, s.Id, document.Status, null, Unchanged: true, s.Line));
                continue;
            }
            document ??= db.Documents.Add(new Document
            {
                TenantId = tenantId, Id = s.Id, Title = s.Title, Source = s.Source, ContentHash = hash, Version = 0, CreatedAt = now,
            }).Entity;
            // An indexed document keeps its parsed title until the new version is parsed.
            if (document.Version == 0) document.Title = s.Title;
            (document.Source, document.Url, document.ContentHash) = (s.Source, s.Url ?? document.Url, hash);
            (document.Status, document.Error, document.Attempts, document.NextAttemptAt, document.UpdatedAt) = (DocumentStatus.Pending, null, 0, null, now);
            if (contents.TryGetValue(s.Id, out var content)) (content.FileName, content.Content, content.ContentHash) = (fileName, s.Content, hash);
            else db.DocumentContents.Add(new DocumentContent { TenantId = tenantId, DocumentId = s.Id, FileName = fileName, Content = s.Content, ContentHash = hash });
            outcomes.Add(new IngestionOutcome(fileName, s.Id, DocumentStatus.Pending, null, Line: s.Line));
        }
        await db.SaveChangesAsync(ct);
        return outcomes;
    }

    /// <summary>The per-file size check on its own, so a host can refuse a file before buffering it.</summary>
    public IngestionOutcome? TooLarge(string fileName, long length) => length <= options.Value.MaxFileBytes ? null
        : new IngestionOutcome(fileName, null, DocumentStatus.Failed, $"'{fileName}' is {Size(length)}; the limit is {Size(options.Value.MaxFileBytes)} per file.");

    private static string Size(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.#} MB" : $"{bytes:N0} bytes";

    private static IngestionOutcome Rejected(DocumentUpload upload, string error) => new(upload.FileName, null, DocumentStatus.Failed, error);

    /// <summary>A document ready to store: its title is the file's name until the worker has parsed it.</summary>
    private sealed record Staged(string Id, byte[] Content, string Title, string? Url, string Source, int? Line);
}
