using Microsoft.EntityFrameworkCore;
using SupportAgent.Core.Adapters;
using SupportAgent.Core.Data;
using SupportAgent.Core.Retrieval.Condensing;
using SupportAgent.Core.Tenants;

namespace SupportAgent.Core.Conversations.Turns;

/// <summary>
/// A conversation and the tenant it belongs to, read together: what a customer turn starts from. With the tenant's
/// documents version and adapter registration from the same read, the entity vocabulary and the model router need no
/// read of their own.
/// </summary>
public sealed record TenantConversation(Conversation Conversation, Tenant Tenant, DocumentsVersion? Documents = null, KnownAdapter? Adapter = null);

/// <summary>
/// The fixed reads of a customer turn, compiled once (per model, <see cref="CompiledQueries"/>): EF otherwise rebuilds
/// and looks up each query's expression tree on every call, a visible share of a turn's CPU at chat load. Same SQL, same
/// results as the LINQ they replace.
/// </summary>
internal static class TurnQueries
{
    /// <summary>
    /// The tenant's conversation with the tenant itself, its documents version and its adapter, one round trip (a wrong tenant
    /// reads as no conversation).
    /// </summary>
    public static readonly Func<SupportDbContext, string, string, CancellationToken, Task<TenantConversation?>> ConversationWithTenant =
        CompiledQueries.CompileAsyncQuery((SupportDbContext db, string tenantId, string conversationId, CancellationToken ct) =>
            // The adapter is joined on its key (one per tenant): a plain LEFT JOIN. Asked for as FirstOrDefault in the
            // projection, it was a window function over every tenant's adapters, twice as slow to prepare and run.
            (from c in db.Conversations.AsNoTracking()
             join t in db.Tenants.AsNoTracking() on c.TenantId equals t.Id
             join registered in db.Adapters.AsNoTracking() on t.Id equals registered.TenantId into adapters
             from a in adapters.DefaultIfEmpty()
             where c.Id == conversationId && c.TenantId == tenantId
             select new TenantConversation(c, t, new DocumentsVersion(
                     db.Documents.Count(d => d.TenantId == t.Id),
                     db.Documents.Where(d => d.TenantId == t.Id).Max(d => (DateTimeOffset?)d.UpdatedAt)),
                 new KnownAdapter(a)))
                .FirstOrDefault());

    public static readonly Func<SupportDbContext, string, string, CancellationToken, Task<Conversation?>> Conversation =
        CompiledQueries.CompileAsyncQuery((SupportDbContext db, string tenantId, string conversationId, CancellationToken ct) =>
            db.Conversations.AsNoTracking().FirstOrDefault(c => c.Id == conversationId && c.TenantId == tenantId));

    public static readonly Func<SupportDbContext, string, CancellationToken, Task<Tenant>> Tenant =
        CompiledQueries.CompileAsyncQuery((SupportDbContext db, string tenantId, CancellationToken ct) =>
            db.Tenants.AsNoTracking().First(t => t.Id == tenantId));

    /// <summary>The newest <c>count</c> messages of a conversation, newest first.</summary>
    public static readonly Func<SupportDbContext, string, int, IAsyncEnumerable<ConversationTurn>> Latest =
        CompiledQueries.CompileAsyncQuery((SupportDbContext db, string conversationId, int count) =>
            db.Messages.AsNoTracking().Where(m => m.ConversationId == conversationId)
                .OrderByDescending(m => m.CreatedAt).Take(count)
                .Select(m => new ConversationTurn(m.Role == MessageRole.Customer, m.Text)));

    /// <summary>The newest <c>count</c> messages of a conversation written before <c>until</c>, newest first.</summary>
    public static readonly Func<SupportDbContext, string, DateTimeOffset, int, IAsyncEnumerable<ConversationTurn>> LatestBefore =
        CompiledQueries.CompileAsyncQuery((SupportDbContext db, string conversationId, DateTimeOffset until, int count) =>
            db.Messages.AsNoTracking().Where(m => m.ConversationId == conversationId && m.CreatedAt < until)
                .OrderByDescending(m => m.CreatedAt).Take(count)
                .Select(m => new ConversationTurn(m.Role == MessageRole.Customer, m.Text)));

    /// <summary>The conversation's open escalation: a later escalated message joins it (only its id is used, so untracked).</summary>
    public static readonly Func<SupportDbContext, string, string, Task<Escalation?>> OpenEscalation =
        CompiledQueries.CompileAsyncQuery((SupportDbContext db, string tenantId, string conversationId) =>
            db.Escalations.AsNoTracking().FirstOrDefault(e => e.ConversationId == conversationId && e.TenantId == tenantId && e.Status == EscalationStatus.Open));

    public static async Task<List<ConversationTurn>> ToListAsync(IAsyncEnumerable<ConversationTurn> rows, CancellationToken ct)
    {
        var list = new List<ConversationTurn>();
        await foreach (var row in rows.WithCancellation(ct)) list.Add(row);
        return list;
    }
}
