using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SupportAgent.Core.Data;

namespace SupportAgent.Core.Triage.Classification;

/// <summary>
/// Trains a tenant's classifier from its stored examples and stores it as the tenant's next version in the shared
/// database. Runs as the <c>train-triage</c> job (<see cref="TrainTriageJob"/>), so one replica trains a tenant at a
/// time; the previous model keeps serving until the new one is stored, and a failed training leaves it in place.
/// </summary>
public sealed class TriageTrainer(IServiceScopeFactory scopes, TriageModelStore store, MessageVectors vectors, TimeProvider clock,
    ILogger<TriageTrainer> log)
{
    /// <summary>Trains now; <paramref name="trainedBy"/> names the worker (its lease) for the record. Returns the stored version.</summary>
    public async Task<int> TrainAsync(string tenantId, string trainedBy, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SupportDbContext>();
        var started = clock.GetUtcNow();
        var examples = await db.TriageExamples.AsNoTracking().Where(e => e.TenantId == tenantId).OrderBy(e => e.Id)
            .Select(e => new LabelledExample(e.Text, e.Category)).ToListAsync(ct);
        var categories = examples.Select(e => e.Category).Distinct().Order().ToList();
        TextClassifier? classifier = null;
        StoredTriageModel training;
        try
        {
            var embedded = await vectors.EmbedAsync([.. examples.Select(e => e.Text)], ct);
            classifier = await Task.Run(() => ClassifierTrainer.Train(examples, embedded), ct);
            classifier.EmbeddingModel = embedded is null ? null : vectors.ModelId;
            training = new StoredTriageModel
            {
                TenantId = tenantId, State = TriageModelStatus.Ready, Examples = examples.Count, Categories = categories,
                OutOfScopeBelow = classifier.Limits.Probability, NearestBelow = classifier.Limits.Nearest, EmbeddingModel = classifier.EmbeddingModel,
                StartedAt = started, FinishedAt = clock.GetUtcNow(), TrainedBy = trainedBy,
                Model = TriageModelBytes.Model(classifier), Vectors = TriageModelBytes.Vectors(classifier.ExampleVectors),
            };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Training the triage classifier for {Tenant} failed", tenantId);
            training = Failure(tenantId, examples.Count, categories, started, trainedBy, e.Message);
        }
        // The lease was lost meanwhile (another replica has the job now): it stores its own training, not this one.
        ct.ThrowIfCancellationRequested();
        var version = await store.SaveAsync(db, training, classifier, ct);
        if (classifier is not null)
            log.LogInformation("Trained triage classifier v{Version} for {Tenant}: {Examples} examples, {Categories} categories", version, tenantId, examples.Count, categories.Count);
        return version;
    }

    /// <summary>Records that the tenant's training was given up (it kept ending its runner); the last ready model keeps serving.</summary>
    public async Task RecordFailureAsync(string tenantId, string trainedBy, string error, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SupportDbContext>();
        var examples = await db.TriageExamples.CountAsync(e => e.TenantId == tenantId, ct);
        var categories = await db.TriageExamples.Where(e => e.TenantId == tenantId).Select(e => e.Category).Distinct().OrderBy(c => c).ToListAsync(ct);
        await store.SaveAsync(db, Failure(tenantId, examples, categories, clock.GetUtcNow(), trainedBy, error), null, ct);
    }

    private StoredTriageModel Failure(string tenantId, int examples, List<string> categories, DateTimeOffset started, string trainedBy, string error) => new()
    {
        TenantId = tenantId, State = TriageModelStatus.Failed, Examples = examples, Categories = categories, Error = error,
        StartedAt = started, FinishedAt = clock.GetUtcNow(), TrainedBy = trainedBy,
    };
}
