using SupportAgent.Core.Data;

namespace SupportAgent.Core.Knowledge.Ingestion;

/// <summary>
/// Ingestion in process, start to finish: intake then indexing of each accepted document, without the queue.
/// For hosts that must have the knowledge in before they go on (the CLI, benchmarks, demo seeding).
/// </summary>
public sealed class DocumentIngestor(DocumentIntake intake, DocumentIndexer indexer, SupportDbContext db)
{
    /// <summary>
    /// Documents indexed together: their chunks go to the embedder in one call, so a .jsonl of short records fills the
    /// embedder's batches instead of embedding one chunk at a time. Each document is still recorded on its own.
    /// </summary>
    public const int DocumentsPerBatch = 64;

    public async Task<IReadOnlyList<IngestionOutcome>> IngestAsync(string tenantId, DocumentUpload upload, CancellationToken ct)
    {
        var accepted = await intake.AcceptAsync(tenantId, upload, ct);
        // Thousands of .jsonl records go through one context: keep its change tracker from growing with each.
        db.ChangeTracker.Clear();
        var outcomes = accepted.ToArray();
        var waiting = accepted.Select((o, i) => (Outcome: o, Slot: i))
            .Where(x => x.Outcome is { Status: DocumentStatus.Pending, Unchanged: false, DocumentId: not null }).ToList();
        foreach (var batch in waiting.Chunk(DocumentsPerBatch))
        {
            var indexed = await indexer.IndexManyAsync([.. batch.Select(x => new DocumentKey(tenantId, x.Outcome.DocumentId!))], ct);
            db.ChangeTracker.Clear();
            for (var i = 0; i < batch.Length; i++)
                outcomes[batch[i].Slot] = batch[i].Outcome with { Status = indexed[i]?.Status ?? DocumentStatus.Failed, Error = indexed[i]?.Error };
        }
        return outcomes;
    }
}
