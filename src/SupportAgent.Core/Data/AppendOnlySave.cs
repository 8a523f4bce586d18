using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace SupportAgent.Core.Data;

/// <summary>
/// A turn's rows (the customer's message, the reply, the decision, a new escalation) are inserted once and never
/// updated through the context that wrote them. Accepting them after the insert makes EF snapshot every property, and
/// each JSON column's snapshot is a serialise-and-parse of its value; the rows then stay tracked and are compared again
/// by the turn's next save. Saving without accepting and detaching the inserted rows skips both. The insert itself is
/// the same statement in the same transaction: as durable as before when the call returns.
/// </summary>
internal static class AppendOnlySave
{
    /// <summary>Adds <paramref name="rows"/> (new entities) to <paramref name="db"/> and inserts them that way.</summary>
    public static async Task InsertAsync(this DbContext db, IEnumerable<object> rows, CancellationToken ct)
    {
        List<EntityEntry> inserted = [.. rows.Select(db.Add)];
        await db.SaveChangesAsync(acceptAllChangesOnSuccess: false, ct);
        foreach (var entry in inserted) entry.State = EntityState.Detached;
        db.ChangeTracker.AcceptAllChanges(); // anything else the scope had pending is accepted as a plain save would
    }
}
