using Microsoft.EntityFrameworkCore;
using SupportAgent.Core.Conversations;
using SupportAgent.Core.Data;

namespace SupportAgent.Core.Handoff;

/// <summary>Admins' list/create/edit/delete of a tenant's approved Q&amp;A pairs.</summary>
public sealed class ApprovedAnswerStore(SupportDbContext db, ApprovedAnswerCache cache, TimeProvider clock)
{
    public const int MaxLength = 8000;

    public static ApprovedAnswer New(string tenantId, string question, string answer, string? escalationId, DateTimeOffset now) => new()
    {
        Id = Ids.New("aa"), TenantId = tenantId, Question = question, Answer = answer, EscalationId = escalationId,
        CreatedAt = now, UpdatedAt = now,
    };

    public static string? Validate(string? question, string? answer) =>
        string.IsNullOrWhiteSpace(question) ? "'question' must not be empty."
        : string.IsNullOrWhiteSpace(answer) ? "'answer' must not be empty."
        : question.Length > MaxLength || answer.Length > MaxLength ? $"'question' and 'answer' must be at most {MaxLength} characters."
        : null;

    public Task<List<ApprovedAnswer>> ListAsync(string tenantId, CancellationToken ct) =>
        db.ApprovedAnswers.AsNoTracking().Where(a => a.TenantId == tenantId).OrderByDescending(a => a.UpdatedAt).ToListAsync(ct);

    public Task<ApprovedAnswer?> FindAsync(string tenantId, string id, CancellationToken ct) =>
        db.ApprovedAnswers.FirstOrDefaultAsync(a => a.TenantId == tenantId && a.Id == id, ct);

    public async Task<ApprovedAnswer> CreateAsync(string tenantId, string question, string answer, CancellationToken ct)
    {
        var approved = New(tenantId, question.Trim(), answer.Trim(), null, clock.GetUtcNow());
        db.ApprovedAnswers.Add(approved);
        await db.SaveChangesAsync(ct);
        cache.Invalidate(tenantId);
        return approved;
    }

    public async Task<ApprovedAnswer?> UpdateAsync(string tenantId, string id, string question, string answer, CancellationToken ct)
    {
        if (await FindAsync(tenantId, id, ct) is not { } approved) return null;
        approved.Question = question.Trim();
        approved.Answer = answer.Trim();
        approved.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        cache.Invalidate(tenantId);
        return approved;
    }

    public async Task<bool> DeleteAsync(string tenantId, string id, CancellationToken ct)
    {
        var deleted = await db.ApprovedAnswers.Where(a => a.TenantId == tenantId && a.Id == id).ExecuteDeleteAsync(ct) > 0;
        cache.Invalidate(tenantId);
        return deleted;
    }
}
