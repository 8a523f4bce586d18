using Microsoft.EntityFrameworkCore;
using SupportAgent.Core.Data;
using SupportAgent.Core.Retrieval;

namespace SupportAgent.Core.Knowledge.Ingestion;

/// <summary>Removes a document everywhere: the index first (so it stops answering), then its rows in one transaction.</summary>
public sealed class DocumentDeleter(SupportDbContext db, IKnowledgeIndex index)
{
    public async Task<bool> DeleteAsync(string tenantId, string documentId, CancellationToken ct)
    {
        if (!await db.Documents.AnyAsync(d => d.TenantId == tenantId && d.Id == documentId, ct)) return false;
        await index.DeleteDocumentAsync(tenantId, documentId, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Chunks.Where(c => c.TenantId == tenantId && c.DocumentId == documentId).ExecuteDeleteAsync(ct);
        await db.DocumentContents.Where(c => c.TenantId == tenantId && c.DocumentId == documentId).ExecuteDeleteAsync(ct);
        await db.Documents.Where(d => d.TenantId == tenantId && d.Id == documentId).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }
}
