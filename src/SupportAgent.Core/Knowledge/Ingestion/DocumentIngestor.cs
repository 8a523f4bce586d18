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
        var batches = waiting.Chunk(DocumentsPerBatch).ToList();
        // A pipeline of two: while the model embeds one batch (CPU in the model's own threads, no database), this
        // context records the batch before it and prepares the next, so the database work no longer waits its turn.
        DocumentIndexer.PreparedBatch? previous = null;
        Task<List<object?>>? previousVectors = null;
        for (var b = 0; b <= batches.Count; b++)
        {
            var current = b < batches.Count ? await indexer.PrepareManyAsync([.. batches[b].Select(x => new DocumentKey(tenantId, x.Outcome.DocumentId!))], ct) : null;
            var vectors = current is null ? null : Task.Run(() => indexer.EmbedManyAsync(current, ct), ct);
            if (previous is not null)
            {
                var indexed = await indexer.CommitManyAsync(previous, await previousVectors!, ct);
                db.ChangeTracker.Clear();
                var done = batches[b - 1];
                for (var i = 0; i < done.Length; i++)
                    outcomes[done[i].Slot] = done[i].Outcome with { Status = indexed[i]?.Status ?? DocumentStatus.Failed, Error = indexed[i]?.Error };
            }
            (previous, previousVectors) = (current, vectors);
        }
        return outcomes;
    }
}
