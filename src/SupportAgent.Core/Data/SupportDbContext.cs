using Microsoft.EntityFrameworkCore;
using SupportAgent.Core.Conversations;
using SupportAgent.Core.Knowledge;
using SupportAgent.Core.Tenants;

namespace SupportAgent.Core.Data;

public sealed class SupportDbContext(DbContextOptions<SupportDbContext> options) : DbContext(options)
{
    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Document> Documents => Set<Document>();
    public DbSet<Chunk> Chunks => Set<Chunk>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<Decision> Decisions => Set<Decision>();
    public DbSet<Escalation> Escalations => Set<Escalation>();

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // Enums as readable strings: the database is read by people and by analytics queries.
        builder.Properties<Enum>().HaveConversion<string>();
        // SQLite cannot order or compare DateTimeOffset natively; store UTC ticks-free ISO strings is lossy, so use unix ms.
        builder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUnixMsConverter>();
        builder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToUnixMsConverter>();
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<Tenant>(e =>
        {
            e.HasKey(t => t.Id);
            e.Property(t => t.Settings).HasJsonConversion();
        });
        model.Entity<ApiKey>(e =>
        {
            e.HasKey(k => k.Hash);
            e.HasIndex(k => k.TenantId);
            e.HasOne<Tenant>().WithMany().HasForeignKey(k => k.TenantId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<Document>(e =>
        {
            e.HasKey(d => new { d.TenantId, d.Id });
            e.HasIndex(d => new { d.TenantId, d.Status });
            e.HasOne<Tenant>().WithMany().HasForeignKey(d => d.TenantId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<Chunk>(e =>
        {
            e.HasKey(c => c.Id);
            e.HasIndex(c => new { c.TenantId, c.DocumentId, c.DocumentVersion });
        });
        model.Entity<Conversation>(e =>
        {
            e.HasKey(c => c.Id);
            e.HasIndex(c => new { c.TenantId, c.CreatedAt });
            e.HasOne<Tenant>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<Message>(e =>
        {
            e.HasKey(m => m.Id);
            e.HasIndex(m => new { m.ConversationId, m.CreatedAt });
            e.Property(m => m.Citations).HasJsonConversion();
            e.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<Decision>(e =>
        {
            e.HasKey(d => d.Id);
            e.HasIndex(d => new { d.TenantId, d.CreatedAt });
            e.HasIndex(d => d.MessageId);
            e.Property(d => d.Reasons).HasJsonConversion();
            e.Property(d => d.Retrieved).HasJsonConversion();
        });
        model.Entity<Escalation>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.TenantId, x.Status, x.Priority, x.CreatedAt });
            e.Property(x => x.Sources).HasJsonConversion();
        });
    }
}
