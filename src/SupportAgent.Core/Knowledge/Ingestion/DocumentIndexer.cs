using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportAgent.Core.Data;
using SupportAgent.Core.Knowledge.Chunking;
using SupportAgent.Core.Knowledge.Parsing;
using SupportAgent.Core.Retrieval;
using SupportAgent.Core.Retrieval.Embeddings;

namespace SupportAgent.Core.Knowledge.Ingestion;

/// <summary>
/// The asynchronous half of ingestion, for one stored document: parse → chunk → embed → upsert. The index swap is
/// atomic, so the previous version answers until the new one is in; the relational rows follow in one transaction.
/// A bad file fails for good; an unavailable index or embedder fails with a retry time (backoff).
/// </summary>
public sealed class DocumentIndexer(
    SupportDbContext db, ParserRegistry parsers, Chunker chunker, ParseSandbox sandbox, IKnowledgeIndex index, TimeProvider clock,
    IOptions<IngestionOptions> options, ILogger<DocumentIndexer> log, IEmbeddingGenerator<string, Embedding<float>>? embedder = null)
{
    /// <summary>Indexes the document if it is waiting (pending, interrupted, or due for a retry); otherwise reports it as it is.</summary>
    public async Task<IngestionOutcome?> IndexAsync(DocumentKey key, CancellationToken ct)
    {
        var document = await db.Documents.FirstOrDefaultAsync(d => d.TenantId == key.TenantId && d.Id == key.DocumentId, ct);
        if (document is null) return null;
        var content = await db.DocumentContents.AsNoTracking().FirstOrDefaultAsync(c => c.TenantId == key.TenantId && c.DocumentId == key.DocumentId, ct);
        if (content is null || !IsWaiting(document)) return Outcome(document, content);

        // Claim it only if nobody changed it since it was read: the CLI and a server may share a data directory.
        var now = clock.GetUtcNow();
        var claimed = await db.Documents
            .Where(d => d.TenantId == key.TenantId && d.Id == key.DocumentId && d.Status == document.Status && d.UpdatedAt == document.UpdatedAt)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DocumentStatus.Indexing).SetProperty(d => d.UpdatedAt, now), ct);
        if (claimed == 0) return Outcome(document, content);
        (document.Status, document.UpdatedAt) = (DocumentStatus.Indexing, now);
        try
        {
            var parser = parsers.For(content.FileName) ?? throw new DocumentRejectedException($"'{content.FileName}' has an unsupported type.");
            var settings = (await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == key.TenantId, ct)).Settings;
            // Parse and chunk in the sandbox: its own thread and stack, with a budget of time, memory, depth and text.
            var (parsed, pieces) = await sandbox.RunAsync(content.FileName, budget =>
            {
                var document = parser.Parse(content.Content, content.FileName, budget);
                return (document, chunker.Chunk(document, settings.ChunkTokens, settings.ChunkOverlapTokens, budget));
            }, ct);
            var version = document.Version + 1;
            var chunks = pieces.Select((p, i) => new Chunk
            {
                Id = $"{key.TenantId}:{key.DocumentId}:v{version}:{i}", TenantId = key.TenantId, DocumentId = key.DocumentId,
                DocumentVersion = version, Ordinal = i, Heading = p.Heading, Text = p.Text, Tokens = p.Tokens,
            }).ToList();
            var vectors = embedder is null ? null
                : await embedder.EmbedPassagesAsync(chunks.Select(c => EmbeddingText(parsed.Title, c)), ct);
            await index.ReplaceDocumentAsync(key.TenantId, key.DocumentId,
                [.. chunks.Select((c, i) => new IndexEntry(new IndexedChunk(c.Id, key.DocumentId, parsed.Title, c.Heading, c.Text, parsed.Url), vectors?[i]))], ct);
            await RecordAsync(document, content, parsed, chunks, ct);
        }
        catch (DocumentRejectedException e) { document = await FailAsync(key, e.Message, retry: false); }
        catch (Exception e) when (!ct.IsCancellationRequested) { document = await FailAsync(key, e.Message, retry: true); }
        return document is null ? null : Outcome(document, content);
    }

    private async Task RecordAsync(Document document, DocumentContent content, ParsedDocument parsed, List<Chunk> chunks, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var current = await db.DocumentContents.Where(c => c.TenantId == document.TenantId && c.DocumentId == document.Id)
            .Select(c => c.ContentHash).FirstOrDefaultAsync(ct);
        if (current is null)
        {
            // Deleted while it was being indexed: take back what was just written to the index.
            await index.DeleteDocumentAsync(document.TenantId, document.Id, ct);
            return;
        }
        await db.Chunks.Where(c => c.TenantId == document.TenantId && c.DocumentId == document.Id).ExecuteDeleteAsync(ct);
        db.Chunks.AddRange(chunks);
        document.Version++;
        document.Title = parsed.Title;
        document.Url = parsed.Url;
        // A newer upload arrived meanwhile: these chunks are consistent with the index, but the document stays pending.
        document.Status = current == content.ContentHash ? DocumentStatus.Indexed : DocumentStatus.Pending;
        (document.Error, document.Attempts, document.NextAttemptAt) = (null, 0, null);
        document.ChunkCount = chunks.Count;
        document.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        log.LogInformation("Indexed {Tenant}/{Document} v{Version}: {Chunks} chunks", document.TenantId, document.Id, document.Version, chunks.Count);
    }

    private async Task<Document?> FailAsync(DocumentKey key, string reason, bool retry)
    {
        // Whatever this attempt staged (chunk rows) must not be saved with the failure.
        db.ChangeTracker.Clear();
        var document = await db.Documents.FirstOrDefaultAsync(d => d.TenantId == key.TenantId && d.Id == key.DocumentId);
        if (document is null) return null;
        var now = clock.GetUtcNow();
        document.Status = DocumentStatus.Failed;
        document.UpdatedAt = now;
        var kept = document.ChunkCount > 0 ? " The previous version keeps answering." : "";
        if (!retry)
        {
            (document.Error, document.NextAttemptAt) = ($"{reason}{kept}", null);
        }
        else
        {
            document.Attempts++;
            var delay = TimeSpan.FromTicks(Math.Min(options.Value.MaxRetryDelay.Ticks, options.Value.RetryDelay.Ticks * (1L << Math.Min(document.Attempts - 1, 20))));
            document.NextAttemptAt = now + delay;
            document.Error = $"Indexing failed ({reason}); attempt {document.Attempts}, retrying at {document.NextAttemptAt:u}.{kept}";
        }
        await db.SaveChangesAsync(CancellationToken.None);
        log.LogWarning("Indexing {Tenant}/{Document} failed (retry: {Retry}): {Reason}", document.TenantId, document.Id, retry, reason);
        return document;
    }

    private bool IsWaiting(Document d) =>
        d.Status is DocumentStatus.Pending or DocumentStatus.Indexing
        || d.Status == DocumentStatus.Failed && d.NextAttemptAt is { } due && due <= clock.GetUtcNow();

    private static IngestionOutcome Outcome(Document d, DocumentContent? c) => new(c?.FileName ?? d.Source, d.Id, d.Status, d.Error);

    /// <summary>Title and heading path are embedded with the text: a chunk under "Returns › Canada" is about both.</summary>
    private static string EmbeddingText(string title, Chunk chunk) => $"{title}\n{chunk.Heading}\n{chunk.Text}";
}
