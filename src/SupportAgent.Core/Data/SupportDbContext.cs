using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using SupportAgent.Core.Adapters;
using SupportAgent.Core.Conversations;
using SupportAgent.Core.Handoff;
using SupportAgent.Core.Jobs;
using SupportAgent.Core.Knowledge;
using SupportAgent.Core.Tenants;
using SupportAgent.Core.Triage;
using SupportAgent.Core.Triage.Classification;

namespace SupportAgent.Core.Data;

public sealed class SupportDbContext(DbContextOptions<SupportDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Document> Documents => Set<Document>();
    public DbSet<Chunk> Chunks => Set<Chunk>();
    public DbSet<DocumentContent> DocumentContents => Set<DocumentContent>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<Decision> Decisions => Set<Decision>();
    public DbSet<Escalation> Escalations => Set<Escalation>();
    public DbSet<ApprovedAnswer> ApprovedAnswers => Set<ApprovedAnswer>();
    public DbSet<Feedback> Feedback => Set<Feedback>();
    public DbSet<Adapter> Adapters => Set<Adapter>();
    public DbSet<TriageExample> TriageExamples => Set<TriageExample>();
    public DbSet<Job> Jobs => Set<Job>();
    /// <summary>Trained triage classifiers, versioned per tenant, so every replica loads the same one.</summary>
    public DbSet<StoredTriageModel> TriageModels => Set<StoredTriageModel>();
    public DbSet<StaffSession> StaffSessions => Set<StaffSession>();
    public DbSet<AdapterNameBinding> AdapterNames => Set<AdapterNameBinding>();
    /// <summary>The data-protection key ring, shared by every replica (console cookies, adapter API keys).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

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
        model.Entity<DocumentContent>(e =>
        {
            e.HasKey(c => new { c.TenantId, c.DocumentId });
            e.HasOne<Document>().WithOne().HasForeignKey<DocumentContent>(c => new { c.TenantId, c.DocumentId }).OnDelete(DeleteBehavior.Cascade);
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
            e.Property(d => d.Urgency).HasConversion(new LowerCaseEnumConverter<Urgency>());
            e.Property(d => d.Sentiment).HasConversion(new LowerCaseEnumConverter<Sentiment>());
            e.Property(d => d.Reason).HasConversion(new EscalationReasonConverter());
            e.Property(d => d.Reasons).HasJsonConversion();
            e.Property(d => d.Retrieved).HasJsonConversion();
        });
        model.Entity<Escalation>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.TenantId, x.Status, x.Priority, x.CreatedAt });
            e.Property(x => x.Reason).HasConversion(new EscalationReasonConverter());
            e.Property(x => x.Sources).HasJsonConversion();
            e.Property(x => x.Priority).HasConversion<int>(); // the queue sorts on the number
        });
        model.Entity<ApprovedAnswer>(e =>
        {
            e.HasKey(a => a.Id);
            e.HasIndex(a => a.TenantId);
            e.HasOne<Tenant>().WithMany().HasForeignKey(a => a.TenantId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<Feedback>(e =>
        {
            e.HasKey(f => f.Id);
            e.HasIndex(f => new { f.MessageId, f.Source }).IsUnique();
            e.HasIndex(f => new { f.TenantId, f.CreatedAt });
            e.HasOne<Message>().WithMany().HasForeignKey(f => f.MessageId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<Adapter>(e =>
        {
            e.HasKey(a => a.TenantId); // one adapter per tenant
            e.HasIndex(a => a.Name).IsUnique(); // the model name is the server's namespace, shared by all tenants
            e.Property(a => a.LastComparison!).HasJsonConversion();
            e.HasOne<Tenant>().WithMany().HasForeignKey(a => a.TenantId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<Job>(e =>
        {
            e.HasKey(j => j.Id);
            e.HasIndex(j => new { j.Kind, j.TenantId, j.Subject }).IsUnique();
            e.HasIndex(j => new { j.DueAt, j.Rank });
            e.HasIndex(j => j.TenantId);
            e.HasOne<Tenant>().WithMany().HasForeignKey(j => j.TenantId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<StaffSession>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.KeyHash);
            e.HasOne<Tenant>().WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Cascade);
        });
        // No foreign key to the tenant on purpose: the binding outlives the tenant until the operator releases it.
        model.Entity<AdapterNameBinding>(e => e.HasKey(x => x.Name));
        model.Entity<StoredTriageModel>(e =>
        {
            e.ToTable("TriageModels");
            e.HasKey(x => new { x.TenantId, x.Version });
            e.Property(x => x.Categories).HasJsonConversion();
            e.HasOne<Tenant>().WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<TriageExample>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.TenantId);
            e.HasOne<Tenant>().WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
