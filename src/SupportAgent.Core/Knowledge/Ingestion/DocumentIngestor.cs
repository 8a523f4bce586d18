using SupportAgent.Core.Data;

namespace SupportAgent.Core.Knowledge.Ingestion;

/// <summary>
/// Ingestion in process, start to finish: intake then indexing of each accepted document, without the queue.
/// For hosts that must have the knowledge in before they go on (the CLI, benchmarks, demo seeding).
/// </summary>
public sealed class DocumentIngestor(DocumentIntake intake, DocumentIndexer indexer, SupportDbContext db)
{
    public async Task<IReadOnlyList<IngestionOutcome>> IngestAsync(string tenantId, DocumentUpload upload, CancellationToken ct)
    {
        var outcomes = new List<IngestionOutcome>();
        var accepted = await intake.AcceptAsync(tenantId, upload, ct);
        // Thousands of .jsonl records go through one context: keep its change tracker from growing with each.
        db.ChangeTracker.Clear();
        foreach (var outcome in accepted)
        {
            if (outcome is not { Status: DocumentStatus.Pending, Unchanged: false, DocumentId: { } id }) { outcomes.Add(outcome); continue; }
            var indexed = await indexer.IndexAsync(new DocumentKey(tenantId, id), ct);
            db.ChangeTracker.Clear();
            outcomes.Add(outcome with { Status = indexed?.Status ?? DocumentStatus.Failed, Error = indexed?.Error });
        }
        return outcomes;
    }
}
