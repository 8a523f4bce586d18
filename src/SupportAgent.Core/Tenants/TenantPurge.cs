using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SupportAgent.Core.Data;
using SupportAgent.Core.Retrieval;
using SupportAgent.Core.Triage.Classification;

namespace SupportAgent.Core.Tenants;

/// <summary>
/// Deletes a tenant and everything it owns: keys and sessions first (so nothing new arrives), then its index points,
/// then every row, then its trained models. Adapter name bindings stay until the operator releases them.
/// </summary>
public sealed class TenantPurge(SupportDbContext db, IKnowledgeIndex index, TriageModelStore models, ILogger<TenantPurge> log)
{
    public async Task<bool> DeleteAsync(string tenantId, CancellationToken ct)
    {
        if (!await db.Tenants.AnyAsync(t => t.Id == tenantId, ct)) return false;
        await db.ApiKeys.Where(k => k.TenantId == tenantId).ExecuteDeleteAsync(ct);
        await db.StaffSessions.Where(s => s.TenantId == tenantId).ExecuteDeleteAsync(ct);
        await db.Jobs.Where(j => j.TenantId == tenantId).ExecuteDeleteAsync(ct);

        // The index is another store (a file or a Qdrant collection shared by tenants): every document the tenant ever
        // had is removed from it by id, including ones whose rows a failed ingestion left behind.
        var documents = await db.Documents.Where(d => d.TenantId == tenantId).Select(d => d.Id)
            .Union(db.Chunks.Where(c => c.TenantId == tenantId).Select(c => c.DocumentId)).ToListAsync(ct);
        foreach (var document in documents) await index.DeleteDocumentAsync(tenantId, document, ct);

        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await db.Feedback.Where(x => x.TenantId == tenantId).ExecuteDeleteAsync(ct);
            await db.Decisions.Where(x => x.TenantId == tenantId).ExecuteDeleteAsync(ct);
            await db.Escalations.Where(x => x.TenantId == tenantId).ExecuteDeleteAsync(ct);
            await db.Messages.Where(x => x.TenantId == tenantId).ExecuteDeleteAsync(ct);
            await db.Conversations.Where(x => x.TenantId == tenantId).ExecuteDeleteAsync(ct);
            await db.ApprovedAnswers.Where(x => x.TenantId == tenantId).ExecuteDeleteAsync(ct);
            await db.Chunks.Where(x => x.TenantId == tenantId).ExecuteDeleteAsync(ct);
            await db.DocumentContents.Where(x => x.TenantId == tenantId).ExecuteDeleteAsync(ct);
            await db.Documents.Where(x => x.TenantId == tenantId).ExecuteDeleteAsync(ct);
            await db.TriageExamples.Where(x => x.TenantId == tenantId).ExecuteDeleteAsync(ct);
            await db.TriageModels.Where(x => x.TenantId == tenantId).ExecuteDeleteAsync(ct);
            await db.Adapters.Where(x => x.TenantId == tenantId).ExecuteDeleteAsync(ct);
            await db.Jobs.Where(x => x.TenantId == tenantId).ExecuteDeleteAsync(ct);
            await db.Tenants.Where(x => x.Id == tenantId).ExecuteDeleteAsync(ct);
            await tx.CommitAsync(ct);
        }
        models.Forget(tenantId);
        log.LogWarning("Tenant {Tenant} deleted with its {Documents} documents, conversations and models", tenantId, documents.Count);
        return true;
    }
}
