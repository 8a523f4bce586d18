using SupportAgent.Core.Answering;
using Microsoft.EntityFrameworkCore;
using SupportAgent.Core.Conversations;
using SupportAgent.Core.Data;
using SupportAgent.Core.Knowledge;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Adapters;

/// <summary>
/// Writes a tenant's past support history straight into the database: months of resolved escalations cannot be
/// produced through the API within a test, and the readiness report and export only read what is stored.
/// </summary>
public sealed class SupportHistory(SupportAgentApp app, string tenantId)
{
    private static int sequence;
    public DateTimeOffset Now { get; } = DateTimeOffset.UtcNow;

    /// <summary>A customer question escalated for <paramref name="reason"/>; resolved with <paramref name="staffReply"/> when given.</summary>
    public Task EscalationAsync(string question, EscalationReason reason, string? staffReply = null, bool resolved = true, string category = "orders",
        string[]? sources = null, int daysAgo = 30) => app.InDatabaseAsync(db =>
    {
        Add(db, question, reason, staffReply, resolved, category, sources, daysAgo);
        return db.SaveChangesAsync();
    });

    /// <summary>Distinct questions about late parcels, each resolved with a staff reply, written in one transaction.</summary>
    public Task ResolvedExamplesAsync(int count, EscalationReason reason) => app.InDatabaseAsync(db =>
    {
        for (var i = 0; i < count; i++)
            Add(db, $"Where is my parcel number {i}? It has not arrived.", reason,
                $"Sorry for the wait! Parcel {i} left our warehouse yesterday; you will get tracking by e-mail [1].", true, "orders", null, 30);
        return db.SaveChangesAsync();
    });

    private void Add(SupportDbContext db, string question, EscalationReason reason, string? staffReply, bool resolved, string category, string[]? sources, int daysAgo)
    {
        var n = Interlocked.Increment(ref sequence);
        var at = Now.AddDays(-daysAgo);
        var conversation = new Conversation { Id = $"c_seed{n}", TenantId = tenantId, CreatedAt = at };
        var message = new Message { Id = $"m_seed{n}q", TenantId = tenantId, ConversationId = conversation.Id, Role = MessageRole.Customer, Text = question, CreatedAt = at };
        var decision = new Decision
        {
            Id = $"d_seed{n}", TenantId = tenantId, ConversationId = conversation.Id, MessageId = message.Id, Category = category,
            Action = DecisionAction.Escalated, Reason = reason, Reasons = [reason], Model = "extractive", CreatedAt = at,
        };
        var escalation = new Escalation
        {
            Id = $"e_seed{n}", TenantId = tenantId, ConversationId = conversation.Id, DecisionId = decision.Id, Reason = reason, Category = category,
            Summary = question, CreatedAt = at, Status = resolved ? EscalationStatus.Resolved : EscalationStatus.Open,
            ResolvedAt = resolved ? at.AddMinutes(20) : null,
            Sources = [.. (sources ?? ["shipping-policy"]).Select(d => new Citation(d, $"Title of {d}", $"{d}#0", $"Passage of {d} about delivery times."))],
        };
        db.AddRange(conversation, message, decision, escalation);
        if (staffReply is not null)
            db.Add(new Message { Id = $"m_seed{n}r", TenantId = tenantId, ConversationId = conversation.Id, Role = MessageRole.Staff, Text = staffReply, CreatedAt = at.AddMinutes(10) });
    }

    public Task DocumentsAsync(int count, int daysAgo) => app.InDatabaseAsync(async db =>
    {
        for (var i = 0; i < count; i++)
        {
            var at = Now.AddDays(-daysAgo);
            db.Documents.Add(new Document
            {
                TenantId = tenantId, Id = $"doc-{daysAgo}-{i}", Title = $"Doc {i}", Source = $"doc-{i}.md", ContentHash = $"h{i}",
                Status = DocumentStatus.Indexed, CreatedAt = at, UpdatedAt = at,
            });
        }
        return await db.SaveChangesAsync();
    });
}
