using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using SupportAgent.Core.Jobs;
using SupportAgent.Core.Retrieval.Embeddings;
using SupportAgent.Core.Retrieval.Reembedding;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Retrieval;

/// <summary>
/// Re-embedding after a change of model is a leased job per tenant: a replica that dies mid-way keeps the job until
/// its lease expires, then another replica resumes where it stopped, and no chunk is embedded twice. The server's
/// own workers are off, so the test plays both replicas through the job table; time is a fake clock.
/// </summary>
public class ReembeddingJobTests : IAsyncLifetime
{
    private const string NewModel = "lexical-hashing-v1@256";
    private readonly string directory = Path.Combine(Path.GetTempPath(), "supportagent-tests", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly RecordingModel model = new();
    private SupportAgentApp app = null!;
    private SupportAgentApp.TenantKeys keys = null!;

    /// <summary>The new model: records every passage it embeds, and the call numbered <see cref="BlockCall"/> waits until cancelled.</summary>
    private sealed class RecordingModel : IEmbeddingGenerator<string, Embedding<float>>
    {
        private readonly HashingEmbeddingGenerator inner = new(256);
        private int calls;
        public ConcurrentBag<string> Embedded { get; } = [];
        public int BlockCall { get; set; } = int.MaxValue;
        public TaskCompletionSource Blocked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            if (!EmbeddingPurpose.IsQuery(options))
            {
                if (Interlocked.Increment(ref calls) == BlockCall)
                {
                    Blocked.SetResult();
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                foreach (var v in values) Embedded.Add(v);
            }
            return await inner.GenerateAsync(values, options, cancellationToken);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => inner.GetService(serviceType, serviceKey);
        public void Dispose() { }
    }

    public async Task InitializeAsync()
    {
        using (var before = new SupportAgentApp(directory) { KeepDataDirectory = true })
        {
            keys = await before.CreateTenantWithKnowledgeAsync("acme");
            await before.UploadAsync("acme", keys.Admin, [.. Enumerable.Range(0, 20).Select(Article)]);
        }
        app = new SupportAgentApp(directory)
            .With("SupportAgent:Ingestion:WorkerEnabled", "false")
            .WithServices(s =>
            {
                s.Replace(ServiceDescriptor.Singleton<IEmbeddingGenerator<string, Embedding<float>>>(model));
                s.AddSingleton<TimeProvider>(clock);
            });
    }

    public Task DisposeAsync() { app.Dispose(); return Task.CompletedTask; }

    private static (string Name, string Content) Article(int i) => ($"article-{i:D2}.md", $"# Article {i}\n\n" + string.Join("\n\n",
        Enumerable.Range(0, 12).Select(p => $"## Section {p}\n\nParagraph {p} of article {i} explains how parcel {i * 100 + p} is packed, insured and tracked in transit.")));

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> use)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider);
    }

    private Task<ClaimedJob?> ClaimAsync(string replica) =>
        InScopeAsync(sp => sp.GetRequiredService<JobStore>().ClaimAsync(replica, [JobKinds.ReembedIndex], default));

    private Task<JobOutcome> RunAsync(ClaimedJob job, CancellationToken ct) =>
        InScopeAsync(sp => sp.GetRequiredKeyedService<IJobHandler>(JobKinds.ReembedIndex).RunAsync(job, ct));

    private async Task<JsonElement> ReindexingAsync()
    {
        using var admin = app.ClientWithKey(keys.Admin);
        return (await admin.GetFromJsonAsync<JsonElement>("/api/tenants/acme/documents")).GetProperty("reindexing");
    }

    private async Task<string?> ReadinessDescriptionAsync()
    {
        using var anonymous = app.CreateClient();
        var ready = await anonymous.GetFromJsonAsync<JsonElement>("/ready");
        return ready.GetProperty("checks").GetProperty("reindexing").TryGetProperty("description", out var d) ? d.GetString() : null;
    }

    [Fact]
    public async Task AReplicaThatDiesMidReembeddingLosesTheJobOnceItsLeaseExpiresAndAnotherFinishesWithoutEmbeddingAChunkTwice()
    {
        // The sweep queues one job for the tenant, keyed by the new model, as the server starts.
        JsonElement queued;
        for (var i = 0; (queued = await ReindexingAsync()).ValueKind == JsonValueKind.Null && i < 600; i++) await Task.Delay(50);
        var stale = queued.GetProperty("chunksLeft").GetInt32();
        Assert.True(stale > 2 * Reembedder.BatchSize, $"only {stale} chunks to re-embed");

        // Replica A claims it, writes its first batch and dies inside the second: it never renews nor gives the lease back.
        model.BlockCall = 2;
        var a = await ClaimAsync("replica-a");
        using var death = new CancellationTokenSource();
        var dying = RunAsync(a!, death.Token);
        await model.Blocked.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var claimedWhileLeased = await ClaimAsync("replica-b");
        var meanwhile = await ReindexingAsync();
        var readyMeanwhile = await ReadinessDescriptionAsync();
        using var chat = new ChatClient(app, "acme", keys.Widget);
        var reply = await chat.AskAsync(await chat.StartAsync(), "How long does delivery to Canada take?");

        clock.Advance(TimeSpan.FromSeconds(31));
        var b = await ClaimAsync("replica-b");
        var deadReplicaRenews = await InScopeAsync(sp => sp.GetRequiredService<JobStore>().RenewAsync(a!, default));
        var outcome = await RunAsync(b!, default);
        await InScopeAsync(async sp => { await sp.GetRequiredService<JobStore>().CompleteAsync(b!, default); return 0; });
        await death.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dying);
        var after = await ReindexingAsync();
        var readyAfter = await ReadinessDescriptionAsync();

        Assert.Equal((JobKinds.ReembedIndex, "acme", NewModel), (a!.Kind, a.TenantId, a.Subject));
        Assert.Null(claimedWhileLeased);
        Assert.Equal(NewModel, meanwhile.GetProperty("model").GetString());
        Assert.Equal(stale - Reembedder.BatchSize, meanwhile.GetProperty("chunksLeft").GetInt32());
        Assert.Contains("Re-indexing in progress", readyMeanwhile);
        Assert.Contains(reply.GetProperty("citations").EnumerateArray(), c => c.GetProperty("documentId").GetString() == "international-shipping");
        Assert.Equal(a.Id, b?.Id);
        Assert.False(deadReplicaRenews);
        Assert.Equal(JobOutcome.Done, outcome);
        Assert.Equal(stale, model.Embedded.Count);
        Assert.Equal(stale, model.Embedded.Distinct().Count());
        Assert.Equal(JsonValueKind.Null, after.ValueKind);
        Assert.Null(readyAfter);
    }
}

[OnPostgres]
public sealed class ReembeddingJobTestsOnPostgres : ReembeddingJobTests;
