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
/// The asynchronous half of ingestion, for stored documents: parse → chunk → embed → upsert. The index swap is
/// atomic per document, so the previous version answers until the new one is in; the relational rows follow in one
/// transaction per document. A bad file fails for good; an unavailable index or embedder fails with a retry time
/// (backoff). Several documents can be indexed together (<see cref="IndexManyAsync"/>): their chunks are embedded in
/// one call, so short documents still fill the embedder's batches, while each document is still swapped, recorded
/// and failed on its own.
/// </summary>
public sealed class DocumentIndexer(
    SupportDbContext db, ParserRegistry parsers, Chunker chunker, ParseSandbox sandbox, IKnowledgeIndex index, TimeProvider clock,
    IOptions<IngestionOptions> options, ILogger<DocumentIndexer> log, IEmbeddingGenerator<string, Embedding<float>>? embedder = null)
{
    /// <summary>Indexes the document if it is waiting (pending, interrupted, or due for a retry); otherwise reports it as it is.</summary>
    public async Task<IngestionOutcome?> IndexAsync(DocumentKey key, CancellationToken ct) => (await IndexManyAsync([key], ct))[0];

    /// <summary>
    /// Indexes each waiting document of <paramref name="keys"/> (one outcome per key, null for a document that no longer
    /// exists). The chunks of all of them are embedded together; a document whose chunks the embedder refuses is
    /// embedded again alone, so it fails alone.
    /// </summary>
    public async Task<IReadOnlyList<IngestionOutcome?>> IndexManyAsync(IReadOnlyList<DocumentKey> keys, CancellationToken ct)
    {
        var batch = await PrepareManyAsync(keys, ct);
        return await CommitManyAsync(batch, await EmbedManyAsync(batch, ct), ct);
    }

    /// <summary>
    /// The database half before the vectors: claims, parses and chunks each waiting document of <paramref name="keys"/>.
    /// Split from <see cref="EmbedManyAsync"/> so an ingestion of many batches can prepare the next batch on this
    /// indexer's database context while the model embeds the current one (<see cref="DocumentIngestor"/>).
    /// </summary>
    public async Task<PreparedBatch> PrepareManyAsync(IReadOnlyList<DocumentKey> keys, CancellationToken ct)
    {
        var outcomes = new IngestionOutcome?[keys.Count];
        var prepared = new List<(int Slot, Prepared Work)>();
        for (var i = 0; i < keys.Count; i++)
        {
            var (work, outcome) = await PrepareAsync(keys[i], ct);
            if (work is null) outcomes[i] = outcome;
            else prepared.Add((i, work));
        }
        return new PreparedBatch(outcomes, prepared);
    }

    /// <summary>The vectors of a prepared batch. Touches no database, so it may run beside <see cref="PrepareManyAsync"/> or <see cref="CommitManyAsync"/>.</summary>
    public Task<List<object?>> EmbedManyAsync(PreparedBatch batch, CancellationToken ct) => EmbedAsync([.. batch.Prepared.Select(p => p.Work)], ct);

    /// <summary>Swaps each prepared document into the index and records it, one by one; returns one outcome per key.</summary>
    public async Task<IReadOnlyList<IngestionOutcome?>> CommitManyAsync(PreparedBatch batch, List<object?> vectors, CancellationToken ct)
    {
        var outcomes = batch.Outcomes;
        for (var i = 0; i < batch.Prepared.Count; i++)
            outcomes[batch.Prepared[i].Slot] = await CommitAsync(batch.Prepared[i].Work, vectors[i], ct);
        return outcomes;
    }

    /// <summary>Documents claimed, parsed and chunked (with the slot of each in the caller's keys), and the outcomes of the others.</summary>
    public sealed class PreparedBatch
    {
        internal PreparedBatch(IngestionOutcome?[] outcomes, List<(int Slot, Prepared Work)> prepared) => (Outcomes, Prepared) = (outcomes, prepared);

        internal IngestionOutcome?[] Outcomes { get; }

        internal List<(int Slot, Prepared Work)> Prepared { get; }
    }

    /// <summary>A claimed document, parsed and chunked, waiting for its vectors.</summary>
    internal sealed record Prepared(DocumentKey Key, DocumentContent Content, ParsedDocument Parsed, List<Chunk> Chunks)
    {
        public IEnumerable<string> EmbeddingTexts => Chunks.Select(c => IndexEntry.EmbeddingText(Parsed.Title, c.Heading, c.Text));
    }

    /// <summary>Claims and parses the document; returns the work, or the outcome when there is nothing to do or it failed.</summary>
    private async Task<(Prepared? Work, IngestionOutcome? Outcome)> PrepareAsync(DocumentKey key, CancellationToken ct)
    {
        var document = await db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.TenantId == key.TenantId && d.Id == key.DocumentId, ct);
        if (document is null) return (null, null);
        var content = await db.DocumentContents.AsNoTracking().FirstOrDefaultAsync(c => c.TenantId == key.TenantId && c.DocumentId == key.DocumentId, ct);
        if (content is null || !IsWaiting(document)) return (null, Outcome(document, content));

        // Claim it only if nobody changed it since it was read: the CLI and a server may share a data directory.
        var now = clock.GetUtcNow();
        var claimed = await db.Documents
            .Where(d => d.TenantId == key.TenantId && d.Id == key.DocumentId && d.Status == document.Status && d.UpdatedAt == document.UpdatedAt)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DocumentStatus.Indexing).SetProperty(d => d.UpdatedAt, now), ct);
        if (claimed == 0) return (null, Outcome(document, content));
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
            return (new Prepared(key, content, parsed, chunks), null);
        }
        catch (DocumentRejectedException e) { return (null, await FailAsync(key, e.Message, retry: false) is { } failed ? Outcome(failed, content) : null); }
        catch (Exception e) when (!ct.IsCancellationRequested) { return (null, await FailAsync(key, e.Message, retry: true) is { } failed ? Outcome(failed, content) : null); }
    }

    /// <summary>
    /// Vectors for every prepared document's chunks in one call (the embedder batches and pads by length); if that call
    /// fails, each document is embedded alone, and one that still fails gets its exception instead of vectors.
    /// </summary>
    private async Task<List<object?>> EmbedAsync(IReadOnlyList<Prepared> work, CancellationToken ct)
    {
        if (embedder is null || work.Count == 0) return [.. work.Select(_ => (object?)null)];
        try
        {
            var all = await embedder.EmbedPassagesAsync(work.SelectMany(w => w.EmbeddingTexts), ct);
            var result = new List<object?>(work.Count);
            var offset = 0;
            foreach (var w in work) { result.Add(all[offset..(offset + w.Chunks.Count)]); offset += w.Chunks.Count; }
            return result;
        }
        catch (Exception) when (!ct.IsCancellationRequested && work.Count > 1)
        {
            var result = new List<object?>(work.Count);
            foreach (var w in work)
            {
                try { result.Add(await embedder.EmbedPassagesAsync(w.EmbeddingTexts, ct)); }
                catch (Exception e) when (!ct.IsCancellationRequested) { result.Add(e); }
            }
            return result;
        }
        catch (Exception e) when (!ct.IsCancellationRequested) { return [e]; }
    }

    /// <summary>Swaps the document into the index and records its rows; any failure fails this document only.</summary>
    private async Task<IngestionOutcome?> CommitAsync(Prepared work, object? embedded, CancellationToken ct)
    {
        var key = work.Key;
        Document? document;
        try
        {
            if (embedded is Exception failed) throw failed;
            var vectors = embedded as float[][];
            await index.ReplaceDocumentAsync(key.TenantId, key.DocumentId, [.. work.Chunks.Select((c, i) =>
                new IndexEntry(new IndexedChunk(c.Id, key.DocumentId, work.Parsed.Title, c.Heading, c.Text, work.Parsed.Url), vectors?[i]))], ct);
            document = await RecordAsync(work, ct);
        }
        catch (DocumentRejectedException e) { document = await FailAsync(key, e.Message, retry: false); }
        catch (Exception e) when (!ct.IsCancellationRequested) { document = await FailAsync(key, e.Message, retry: true); }
        return document is null ? null : Outcome(document, work.Content);
    }

    private async Task<Document?> RecordAsync(Prepared work, CancellationToken ct)
    {
        var (key, content, parsed, chunks) = (work.Key, work.Content, work.Parsed, work.Chunks);
        db.ChangeTracker.Clear();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var current = await db.DocumentContents.Where(c => c.TenantId == key.TenantId && c.DocumentId == key.DocumentId)
            .Select(c => c.ContentHash).FirstOrDefaultAsync(ct);
        var document = await db.Documents.FirstOrDefaultAsync(d => d.TenantId == key.TenantId && d.Id == key.DocumentId, ct);
        if (current is null || document is null)
        {
            // Deleted while it was being indexed: take back what was just written to the index.
            await index.DeleteDocumentAsync(key.TenantId, key.DocumentId, ct);
            return null;
        }
        await db.Chunks.Where(c => c.TenantId == key.TenantId && c.DocumentId == key.DocumentId).ExecuteDeleteAsync(ct);
        db.Chunks.AddRange(chunks);
        document.Version = chunks.Count > 0 ? chunks[0].DocumentVersion : document.Version + 1;
        document.Title = parsed.Title;
        document.Url = parsed.Url;
        // A newer upload arrived meanwhile: these chunks are consistent with the index, but the document stays pending.
        document.Status = current == content.ContentHash ? DocumentStatus.Indexed : DocumentStatus.Pending;
        (document.Error, document.Attempts, document.NextAttemptAt) = (null, 0, null);
        document.ChunkCount = chunks.Count;
        document.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        log.LogInformation("Indexed {Tenant}/{Document} v{Version}: {Chunks} chunks", document.TenantId, document.Id, document.Version, chunks.Count);
        return document;
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
            document.NextAttemptAt = IngestionBackoff.NextAttempt(document.Attempts, options.Value, clock);
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
}
