using Microsoft.Data.Sqlite;

namespace SupportAgent.Core.Retrieval.Embedded;

/// <summary>One search's connection to the index file, opened on first use: most searches never need one.</summary>
internal sealed class LazyConnection(HybridIndexStore store) : IDisposable
{
    private SqliteConnection? connection;

    public SqliteConnection Open() => connection ??= store.Open();

    public void Dispose() => connection?.Dispose();
}
