using Microsoft.Extensions.DependencyInjection;
using SupportAgent.Core.Retrieval;
using SupportAgent.Core.Retrieval.Qdrant;
using SupportAgent.Tests.Fakes;
using SupportAgent.Tests.Fakes.Qdrant;

namespace SupportAgent.Tests.Qdrant;

/// <summary>A fake Qdrant per test and QdrantIndex instances wired by the product's own registration.</summary>
public abstract class QdrantTestBase : IAsyncLifetime
{
    protected static readonly BagOfWordsEmbeddings Embeddings = new();
    protected FakeQdrantServer Server { get; private set; } = null!;
    private readonly List<ServiceProvider> providers = [];

    public async Task InitializeAsync() => Server = await FakeQdrantServer.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var p in providers) await p.DisposeAsync();
        await Server.DisposeAsync();
    }

    protected QdrantIndex Index(params (string, string?)[] settings) => Index(null, settings);

    protected QdrantIndex Index(TimeProvider? clock, params (string, string?)[] settings)
    {
        var provider = Track(QdrantTestServices.Build(Server.Url, clock, settings));
        return (QdrantIndex)provider.GetRequiredKeyedService<IKnowledgeIndex>("qdrant");
    }

    protected static IndexEntry Entry(string chunkId, string text) =>
        new(new IndexedChunk(chunkId, "faq", "FAQ", null, text, null), Embeddings.Embed(text));

    protected static Task<IReadOnlyList<SearchHit>> Search(QdrantIndex index, string text, CancellationToken ct = default) =>
        index.SearchAsync("acme", new SearchQuery(text, 5, Embeddings.Embed(text)), ct);

    /// <summary>Disposed with the test, like the indexes from <see cref="Index(ValueTuple{string, string}[])"/>.</summary>
    protected ServiceProvider Track(ServiceProvider provider)
    {
        providers.Add(provider);
        return provider;
    }

    protected int Calls(string method) => Server.Calls.Count(c => c.Method == method);
}
