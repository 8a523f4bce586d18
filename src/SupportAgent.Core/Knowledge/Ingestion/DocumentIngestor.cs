using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using SupportAgent.Core.Data;
using SupportAgent.Core.Knowledge.Chunking;
using SupportAgent.Core.Knowledge.Parsing;
using SupportAgent.Core.Retrieval;

namespace SupportAgent.Core.Knowledge.Ingestion;

/// <summary>parse → chunk → index → record, idempotent by content hash.</summary>
public sealed class DocumentIngestor(
    SupportDbContext db, ParserRegistry parsers, Chunker chunker, IKnowledgeIndex index, TimeProvider clock,
    ILogger<DocumentIngestor> log, IEmbeddingGenerator<string, Embedding<float>>? embedder = null)
{
    public async Task<IngestionOutcome> IngestAsync(string tenantId, DocumentUpload upload, CancellationToken ct)
    {
        var parser = parsers.For(upload.FileName);
        if (parser is null)
            return Rejected(upload, $"'{upload.FileName}' has an unsupported type; supported: {string.Join(", ", parsers.Extensions.Order())}.");
        if (upload.Content.Length == 0)
            return Rejected(upload, $"'{upload.FileName}' is empty.");

        var id = DocumentIds.FromFileName(upload.FileName);
        var hash = DocumentIds.ContentHash(upload.Content);
        var existing = await db.Documents.FirstOrDefaultAsync(d => d.TenantId == tenantId && d.Id == id, ct);
        if (existing is { Status: DocumentStatus.Indexed } && existing.ContentHash == hash)
            return new IngestionOutcome(upload.FileName, id, existing.Status, null, Unchanged: true);

        ParsedDocument parsed;
        try { parsed = parser.Parse(upload.Content, upload.FileName); }
        catch (DocumentRejectedException e) { return Rejected(upload, e.Message); }

        var settings = (await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == tenantId, ct)).Settings;
        var pieces = chunker.Chunk(parsed, settings.ChunkTokens, settings.ChunkOverlapTokens);
        var now = clock.GetUtcNow();
        var document = existing ?? db.Documents.Add(new Document
        {
            TenantId = tenantId, Id = id, Title = parsed.Title, Source = upload.FileName, ContentHash = hash, Version = 0, CreatedAt = now,
        }).Entity;
        document.Version++;
        var chunks = pieces.Select((p, i) => new Chunk
        {
            Id = $"{tenantId}:{id}:v{document.Version}:{i}", TenantId = tenantId, DocumentId = id, DocumentVersion = document.Version,
            Ordinal = i, Heading = p.Heading, Text = p.Text, Tokens = p.Tokens,
        }).ToList();

        // The index swap is atomic on its own; the relational rows follow in one transaction, so a failure between
        // the two leaves the previous version answering and the document marked failed, never half-written.
        var vectors = embedder is null ? null
            : (await embedder.GenerateAsync(chunks.Select(c => EmbeddingText(parsed.Title, c)), cancellationToken: ct)).Select(e => e.Vector.ToArray()).ToList();
        await index.ReplaceDocumentAsync(tenantId, id,
            [.. chunks.Select((c, i) => new IndexEntry(new IndexedChunk(c.Id, id, parsed.Title, c.Heading, c.Text, document.Url), vectors?[i]))], ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Chunks.Where(c => c.TenantId == tenantId && c.DocumentId == id).ExecuteDeleteAsync(ct);
        db.Chunks.AddRange(chunks);
        document.Title = parsed.Title;
        document.Source = upload.FileName;
        document.ContentHash = hash;
        document.Status = DocumentStatus.Indexed;
        document.Error = null;
        document.ChunkCount = chunks.Count;
        document.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        log.LogInformation("Indexed {Tenant}/{Document} v{Version}: {Chunks} chunks", tenantId, id, document.Version, chunks.Count);
        return new IngestionOutcome(upload.FileName, id, DocumentStatus.Indexed, null);
    }

    /// <summary>Title and heading path are embedded with the text: a chunk under "Returns › Canada" is about both.</summary>
    private static string EmbeddingText(string title, Chunk chunk) => $"{title}\n{chunk.Heading}\n{chunk.Text}";

    private static IngestionOutcome Rejected(DocumentUpload upload, string error) =>
        new(upload.FileName, null, DocumentStatus.Failed, error);
}
