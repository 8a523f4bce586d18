using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SupportAgent.Core.Retrieval.Embeddings;
using SupportAgent.Tests.Fakes;
using SupportAgent.Tests.Fakes.Qdrant;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Retrieval;

/// <summary>A restart with another embedding model re-embeds existing tenants in the background and says so meanwhile.</summary>
public class ReindexingTests
{
    /// <summary>A new model (another size, so another model id) whose passage embedding waits for the test.</summary>
    private sealed class GatedModel(IEmbeddingGenerator<string, Embedding<float>> inner) : IEmbeddingGenerator<string, Embedding<float>>
    {
        public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            if (!EmbeddingPurpose.IsQuery(options)) await Gate.Task.WaitAsync(cancellationToken);
            return await inner.GenerateAsync(values, options, cancellationToken);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => inner.GetService(serviceType, serviceKey);
        public void Dispose() { }
    }

    [Fact]
    public async Task AfterAChangeOfModelTheDocumentsAndReadinessSayReindexingUntilItIsDone()
    {
        var directory = Path.Combine(Path.GetTempPath(), "supportagent-tests", Guid.NewGuid().ToString("N"));
        SupportAgentApp.TenantKeys keys;
        using (var before = new SupportAgentApp(directory) { KeepDataDirectory = true })
            keys = await before.CreateTenantWithKnowledgeAsync("acme");
        var model = new GatedModel(new HashingEmbeddingGenerator(256));
        using var after = new SupportAgentApp(directory).WithServices(s =>
            s.Replace(ServiceDescriptor.Singleton<IEmbeddingGenerator<string, Embedding<float>>>(model)));
        using var admin = after.ClientWithKey(keys.Admin);
        using var anonymous = after.CreateClient();

        // The background service starts with the host; wait until its first pass has counted the work.
        var documents = await ReindexingShownAsync(admin);
        var ready = await anonymous.GetFromJsonAsync<JsonElement>("/ready");

        Assert.Equal("lexical-hashing-v1@256", documents.GetProperty("reindexing").GetProperty("model").GetString());
        Assert.True(documents.GetProperty("reindexing").GetProperty("chunksLeft").GetInt32() > 0);
        Assert.NotEmpty(documents.GetProperty("documents").EnumerateArray()); // the documents themselves stay listed as they were
        Assert.Equal("ready", ready.GetProperty("status").GetString());
        Assert.Contains("Re-indexing in progress", ready.GetProperty("checks").GetProperty("reindexing").GetProperty("description").GetString());

        model.Gate.SetResult();
        await ReindexingDoneAsync(admin);
        var readyAfter = await anonymous.GetFromJsonAsync<JsonElement>("/ready");
        Assert.False(readyAfter.GetProperty("checks").GetProperty("reindexing").TryGetProperty("description", out var d) && d.GetString() is not null);
    }

    [Fact]
    public async Task OverQdrantAChangeOfModelMovesEveryChunkToTheNewCollectionWhileChatsKeepBeingAnswered()
    {
        await using var qdrant = await FakeQdrantServer.StartAsync();
        SupportAgentApp OverQdrant(string directory, bool keep = false) => new SupportAgentApp(directory) { KeepDataDirectory = keep }
            .With("SupportAgent:Index:Provider", "qdrant").With("SupportAgent:Qdrant:Url", qdrant.Url.ToString());
        var directory = Path.Combine(Path.GetTempPath(), "supportagent-tests", Guid.NewGuid().ToString("N"));
        SupportAgentApp.TenantKeys keys;
        using (var before = OverQdrant(directory, keep: true).WithServices(s =>
            s.Replace(ServiceDescriptor.Singleton<IEmbeddingGenerator<string, Embedding<float>>>(new BagOfWordsEmbeddings()))))
            keys = await before.CreateTenantWithKnowledgeAsync("acme");
        var oldCollection = Assert.Single(qdrant.Collections.Values);
        var chunks = oldCollection.PointCount;
        var model = new GatedModel(new BagOfWordsEmbeddings(32));
        using var after = OverQdrant(directory).WithServices(s => s.Replace(ServiceDescriptor.Singleton<IEmbeddingGenerator<string, Embedding<float>>>(model)));
        using var admin = after.ClientWithKey(keys.Admin);

        var documents = await ReindexingShownAsync(admin);
        using var chat = new ChatClient(after, "acme", keys.Widget);
        var reply = await (await chat.PostAsync(await chat.StartAsync(), "How long does shipping to Canada take?")).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(chunks, documents.GetProperty("reindexing").GetProperty("chunksLeft").GetInt32());
        Assert.Equal("answered", reply.GetProperty("decision").GetString());
        Assert.NotEmpty(reply.GetProperty("citations").EnumerateArray());

        model.Gate.SetResult();
        await ReindexingDoneAsync(admin);
        Assert.Equal(0, oldCollection.PointCount);
        Assert.Equal(chunks, qdrant.Collections[$"supportagent_{BagOfWordsEmbeddings.ModelId}_32"].PointCount);
    }

    /// <summary>The sweep starts with the host; waits until its first pass has queued the work and the page shows it.</summary>
    private static async Task<JsonElement> ReindexingShownAsync(HttpClient admin)
    {
        var documents = await admin.GetFromJsonAsync<JsonElement>("/api/tenants/acme/documents");
        for (var i = 0; i < 600 && !documents.TryGetProperty("reindexing", out var found) | found.ValueKind == JsonValueKind.Null; i++)
        {
            await Task.Delay(50);
            documents = await admin.GetFromJsonAsync<JsonElement>("/api/tenants/acme/documents");
        }
        return documents;
    }

    private static async Task ReindexingDoneAsync(HttpClient admin)
    {
        for (var i = 0; i < 1200; i++)
        {
            if (!(await admin.GetFromJsonAsync<JsonElement>("/api/tenants/acme/documents")).TryGetProperty("reindexing", out var r) || r.ValueKind == JsonValueKind.Null) return;
            await Task.Delay(25);
        }
        Assert.Fail("re-indexing did not finish");
    }
}

[OnPostgres]
public sealed class ReindexingTestsOnPostgres : ReindexingTests;
