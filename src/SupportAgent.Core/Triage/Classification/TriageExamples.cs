using Microsoft.EntityFrameworkCore;
using SupportAgent.Core.Data;
using SupportAgent.Core.Jobs;
using SupportAgent.Core.Outcomes;

namespace SupportAgent.Core.Triage.Classification;

/// <summary>Replaces a tenant's labelled examples (the upload is the taxonomy) after checking there is enough to learn from.</summary>
public sealed class TriageExamples(SupportDbContext db, JobStore jobs, JobSignal signal, TimeProvider clock)
{
    public const int MinimumPerCategory = 3;
    public const int MaximumExamples = 50_000;
    /// <summary>
    /// Most categories in a taxonomy. The classifier's size and training memory grow with categories × features;
    /// 3,000 categories exhausted memory, and no support taxonomy a person maintains is larger than this.
    /// </summary>
    public const int MaximumCategories = 200;
    /// <summary>Longest example text: a customer message, not a document.</summary>
    public const int MaximumTextLength = 4_000;

    /// <summary>The examples of an uploaded CSV, read and checked, or the refusal saying what to fix.</summary>
    public static Outcome<IReadOnlyList<LabelledExample>> FromCsv(string csv)
    {
        var (examples, error) = ExamplesCsv.Parse(csv);
        return (error ?? Validate(examples)) is { } refused ? Refusal.Invalid(refused) : new Outcome<IReadOnlyList<LabelledExample>>(examples);
    }

    public static string? Validate(IReadOnlyList<LabelledExample> examples)
    {
        if (examples.Count == 0) return "The CSV has no examples below its header.";
        if (examples.Count > MaximumExamples) return $"The CSV has {examples.Count} examples; the limit is {MaximumExamples}.";
        var counts = examples.GroupBy(e => e.Category).ToDictionary(g => g.Key, g => g.Count());
        if (counts.Count > MaximumCategories) return $"The CSV has {counts.Count:N0} categories; the limit is {MaximumCategories}.";
        if (examples.FirstOrDefault(e => e.Text.Length > MaximumTextLength) is { } tooLong)
            return $"An example of '{tooLong.Category}' is {tooLong.Text.Length:N0} characters long; the limit is {MaximumTextLength:N0}.";
        if (counts.Count < 2) return "At least two categories are needed to train a classifier.";
        var thin = counts.Where(c => c.Value < MinimumPerCategory).Select(c => $"'{c.Key}' ({c.Value})").ToList();
        return thin.Count > 0 ? $"Each category needs at least {MinimumPerCategory} examples; too few for {string.Join(", ", thin)}." : null;
    }

    /// <summary>
    /// Stores the examples and queues the training job in one transaction (so neither is saved without the other);
    /// any replica's worker then trains. The caller has validated them.
    /// </summary>
    public async Task<IReadOnlyList<string>> ReplaceAsync(string tenantId, IReadOnlyList<LabelledExample> examples, CancellationToken ct, bool queueTraining = true)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.TriageExamples.Where(e => e.TenantId == tenantId).ExecuteDeleteAsync(ct);
        db.TriageExamples.AddRange(examples.Select(e => new TriageExample { TenantId = tenantId, Text = e.Text, Category = e.Category, CreatedAt = now }));
        await db.SaveChangesAsync(ct);
        if (queueTraining) await jobs.EnqueueAsync(JobKinds.TrainTriage, tenantId, "", ct);
        await transaction.CommitAsync(ct);
        if (queueTraining) signal.Notify();
        return examples.Select(e => e.Category).Distinct().Order().ToList();
    }
}
