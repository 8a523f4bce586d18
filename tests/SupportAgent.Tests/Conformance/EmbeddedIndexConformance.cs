using Microsoft.Data.Sqlite;
using SupportAgent.Core.Retrieval;
using SupportAgent.Core.Retrieval.Embedded;

namespace SupportAgent.Tests.Conformance;

public sealed class EmbeddedIndexConformance : KnowledgeIndexConformance
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "supportagent-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The embedded implementation under test, in its own data directory.</summary>
    private static IKnowledgeIndex CreateEmbeddedIndex(string directory) => new EmbeddedHybridIndex(Path.Combine(directory, "index.db"));

    protected override Task<IKnowledgeIndex> CreateIndexAsync() => Task.FromResult(CreateEmbeddedIndex(directory));

    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}
