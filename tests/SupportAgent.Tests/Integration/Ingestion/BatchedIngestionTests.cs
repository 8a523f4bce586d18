using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using SupportAgent.Core.Knowledge;
using SupportAgent.Core.Knowledge.Ingestion;
using SupportAgent.Tests.Fakes;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Ingestion;

/// <summary>
/// In-process ingestion (the CLI, demo seeding, benchmarks) embeds the chunks of many short documents in one call,
/// so the embedder gets full batches, while each document still succeeds or fails on its own.
/// </summary>
public class BatchedIngestionTests : IDisposable
{
    private readonly CountingEmbeddings embedder = new();
    private readonly SupportAgentApp app;

    public BatchedIngestionTests() => app = new SupportAgentApp()
        .With("SupportAgent:Ingestion:WorkerEnabled", "false") // only the ingestion under test indexes
        .WithServices(s => s.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(embedder));

    public void Dispose() => app.Dispose();

    private static byte[] Jsonl(int count, params int[] poisoned) => Encoding.UTF8.GetBytes(string.Join("\n", Enumerable.Range(0, count).Select(i =>
        JsonSerializer.Serialize(new { id = $"faq-{i}", title = $"Question {i}", text = poisoned.Contains(i) ? "A poison answer the embedder refuses." : $"Answer {i}: parcels ship within {i + 1} days." }))));

    [Fact]
    public async Task ShortDocumentsAreEmbeddedTogetherAndOneTheEmbedderRefusesFailsAlone()
    {
        await app.CreateTenantAsync("acme");

        IReadOnlyList<IngestionOutcome> outcomes;
        await using (var scope = app.Services.CreateAsyncScope())
            outcomes = await scope.ServiceProvider.GetRequiredService<DocumentIngestor>().IngestAsync("acme", new DocumentUpload("faq.jsonl", Jsonl(40, poisoned: 17)), default);
        var statuses = await app.InDatabaseAsync(db => db.Documents.Where(d => d.TenantId == "acme").Select(d => new { d.Id, d.Status, d.Error }).ToListAsync());
        var chunks = await app.InDatabaseAsync(db => db.Chunks.CountAsync(c => c.TenantId == "acme"));

        Assert.Equal(40, outcomes.Count);
        Assert.Equal(39, outcomes.Count(o => o.Status == DocumentStatus.Indexed));
        var failed = Assert.Single(statuses, d => d.Status != DocumentStatus.Indexed);
        Assert.Equal(("faq-17", DocumentStatus.Failed), (failed.Id, failed.Status));
        Assert.Contains("refuses", failed.Error);
        Assert.Equal(39, chunks);
        Assert.True(embedder.LargestBatch >= 39, $"the largest embedding call had {embedder.LargestBatch} passages");
    }

    [Fact]
    public async Task AnUploadOfSeveralBatchesReportsEveryDocumentUnderItsOwnName()
    {
        await app.CreateTenantAsync("acme");

        IReadOnlyList<IngestionOutcome> outcomes;
        await using (var scope = app.Services.CreateAsyncScope())
            outcomes = await scope.ServiceProvider.GetRequiredService<DocumentIngestor>()
                .IngestAsync("acme", new DocumentUpload("faq.jsonl", Jsonl(2 * DocumentIngestor.DocumentsPerBatch + 22, 17, 100)), default);
        var statuses = await app.InDatabaseAsync(db => db.Documents.Where(d => d.TenantId == "acme").ToDictionaryAsync(d => d.Id, d => d.Status));

        Assert.Equal(2 * DocumentIngestor.DocumentsPerBatch + 22, outcomes.Count);
        Assert.All(outcomes, o => Assert.Equal(statuses[o.DocumentId!], o.Status));
        Assert.Equal(["faq-100", "faq-17"], outcomes.Where(o => o.Status == DocumentStatus.Failed).Select(o => o.DocumentId).Order());
        Assert.Equal(outcomes.Count - 2, await app.InDatabaseAsync(db => db.Chunks.CountAsync(c => c.TenantId == "acme")));
    }

    [Fact]
    public async Task AnUploadThroughTheApiIsIndexedByTheBackgroundJobsInBatchesAndOneTheEmbedderRefusesFailsAlone()
    {
        // Uploaded while no worker runs, so all 40 jobs wait when the workers start and the batch sizes do not race the upload.
        var directory = Path.Combine(Path.GetTempPath(), "supportagent-tests", Guid.NewGuid().ToString("N"));
        using (var uploading = new SupportAgentApp(directory) { KeepDataDirectory = true }.With("SupportAgent:Ingestion:WorkerEnabled", "false"))
        {
            var keys = await uploading.CreateTenantAsync("acme");
            using var admin = uploading.ClientWithKey(keys.Admin);
            using var form = new MultipartFormDataContent { { new ByteArrayContent(Jsonl(40, poisoned: 17)), "file", "faq.jsonl" } };
            Assert.True((await admin.PostAsync("/api/tenants/acme/documents", form)).IsSuccessStatusCode);
        }
        var counting = new CountingEmbeddings();
        using var server = new SupportAgentApp(directory).WithServices(s => s.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(counting));

        var statuses = await server.InDatabaseAsync(db => db.Documents.Where(d => d.TenantId == "acme").Select(d => d.Status).ToListAsync());
        for (var i = 0; i < 600 && statuses.Any(s => s is DocumentStatus.Pending or DocumentStatus.Indexing); i++)
        {
            await Task.Delay(50);
            statuses = await server.InDatabaseAsync(db => db.Documents.Where(d => d.TenantId == "acme").Select(d => d.Status).ToListAsync());
        }

        Assert.Equal(39, statuses.Count(s => s == DocumentStatus.Indexed));
        Assert.Equal(DocumentStatus.Failed, await server.InDatabaseAsync(db => db.Documents.Where(d => d.TenantId == "acme" && d.Id == "faq-17").Select(d => d.Status).SingleAsync()));
        // Each of the two workers claims waiting jobs until none is left, so one of them embeds at least half in one call
        // (one document per job would make every call a single passage).
        Assert.True(counting.LargestBatch >= 20, $"the largest embedding call had {counting.LargestBatch} passages");
    }

    /// <summary>The test embedder, counting the passages per call and refusing any containing "poison".</summary>
    private sealed class CountingEmbeddings : IEmbeddingGenerator<string, Embedding<float>>
    {
        private readonly BagOfWordsEmbeddings inner = new();
        private int largestBatch;

        public int LargestBatch => Volatile.Read(ref largestBatch);

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var texts = values.ToList();
            // Background ingestion workers may call at the same time.
            for (var seen = largestBatch; texts.Count > seen && Interlocked.CompareExchange(ref largestBatch, texts.Count, seen) != seen; seen = largestBatch) { }
            if (texts.Any(t => t.Contains("poison"))) throw new InvalidOperationException("The embedder refuses this input.");
            return inner.GenerateAsync(texts, options, cancellationToken);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType.IsInstanceOfType(this) && serviceKey is null ? this : inner.GetService(serviceType, serviceKey);

        public void Dispose() { }
    }
}

[OnPostgres]
public sealed class BatchedIngestionTestsOnPostgres : BatchedIngestionTests;
