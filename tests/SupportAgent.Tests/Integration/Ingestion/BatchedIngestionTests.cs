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
public sealed class BatchedIngestionTests : IDisposable
{
    private readonly CountingEmbeddings embedder = new();
    private readonly SupportAgentApp app;

    public BatchedIngestionTests() => app = new SupportAgentApp()
        .With("SupportAgent:Ingestion:WorkerEnabled", "false") // only the ingestion under test indexes
        .WithServices(s => s.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(embedder));

    public void Dispose() => app.Dispose();

    private static byte[] Jsonl(int count, int poisoned) => Encoding.UTF8.GetBytes(string.Join("\n", Enumerable.Range(0, count).Select(i =>
        JsonSerializer.Serialize(new { id = $"faq-{i}", title = $"Question {i}", text = i == poisoned ? "A poison answer the embedder refuses." : $"Answer {i}: parcels ship within {i + 1} days." }))));

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

    /// <summary>The test embedder, counting the passages per call and refusing any containing "poison".</summary>
    private sealed class CountingEmbeddings : IEmbeddingGenerator<string, Embedding<float>>
    {
        private readonly BagOfWordsEmbeddings inner = new();
        public int LargestBatch { get; private set; }

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var texts = values.ToList();
            LargestBatch = Math.Max(LargestBatch, texts.Count);
            if (texts.Any(t => t.Contains("poison"))) throw new InvalidOperationException("The embedder refuses this input.");
            return inner.GenerateAsync(texts, options, cancellationToken);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType.IsInstanceOfType(this) && serviceKey is null ? this : inner.GetService(serviceType, serviceKey);

        public void Dispose() { }
    }
}
