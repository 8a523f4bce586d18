using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SupportAgent.Core.Data;

namespace SupportAgent.Core.Triage.Classification;

/// <summary>
/// Retrains tenants' classifiers in the background, one at a time (training is CPU-heavy and must not starve chat).
/// The previous model keeps serving until the new one is saved; a failed training leaves it in place.
/// </summary>
public sealed class TriageTrainingQueue(IServiceScopeFactory scopes, TriageModelStore store, MessageVectors vectors, TimeProvider clock,
    ILogger<TriageTrainingQueue> log)
    : BackgroundService
{
    private readonly Channel<string> queue = Channel.CreateUnbounded<string>();

    public void Enqueue(string tenantId, int examples, IReadOnlyList<string> categories)
    {
        store.SetTransient(tenantId, new TriageModelStatus(TriageModelStatus.Training, examples, categories, null, null, null));
        queue.Writer.TryWrite(tenantId);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var tenantId in queue.Reader.ReadAllAsync(stoppingToken))
            await TrainAsync(tenantId, stoppingToken);
    }

    /// <summary>Trains from the tenant's stored examples now (also used by demo seeding).</summary>
    public async Task TrainAsync(string tenantId, CancellationToken ct)
    {
        List<LabelledExample> examples;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SupportDbContext>();
            examples = await db.TriageExamples.AsNoTracking().Where(e => e.TenantId == tenantId).OrderBy(e => e.Id)
                .Select(e => new LabelledExample(e.Text, e.Category)).ToListAsync(ct);
        }
        var categories = examples.Select(e => e.Category).Distinct().Order().ToList();
        try
        {
            var embedded = await vectors.EmbedAsync([.. examples.Select(e => e.Text)], ct);
            var classifier = await Task.Run(() => ClassifierTrainer.Train(examples, embedded), ct);
            classifier.EmbeddingModel = embedded is null ? null : vectors.ModelId;
            store.Save(tenantId, classifier, new TriageModelStatus(TriageModelStatus.Ready, examples.Count, categories, classifier.Limits.Probability,
                clock.GetUtcNow(), null, classifier.Limits.Nearest, classifier.EmbeddingModel));
            log.LogInformation("Trained triage classifier for {Tenant}: {Examples} examples, {Categories} categories", tenantId, examples.Count, categories.Count);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Training the triage classifier for {Tenant} failed", tenantId);
            store.SetTransient(tenantId, new TriageModelStatus(TriageModelStatus.Failed, examples.Count, categories, null, null, e.Message));
        }
    }
}
