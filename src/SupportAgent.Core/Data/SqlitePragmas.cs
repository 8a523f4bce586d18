using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SupportAgent.Core.Data;

/// <summary>
/// WAL journal with synchronous=NORMAL on every connection: the ingestion worker writes while requests read, and
/// WAL lets readers proceed during a write; one WAL append per commit instead of a rollback journal's several
/// fsyncs is what makes per-document commits affordable. NORMAL in WAL mode never corrupts the file; at worst the
/// last commits before a power cut are lost, and ingestion re-queues anything not recorded as indexed.
/// Pooled connections keep their settings, so each native connection is set up once, not on every open (a request
/// opens its context's connection several times).
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;";

    private static readonly ConditionalWeakTable<object, object> Configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!FirstOpen(connection)) return;
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        if (!FirstOpen(connection)) return;
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>True the first time this native connection (pooled across <see cref="SqliteConnection"/> objects) is seen.</summary>
    private static bool FirstOpen(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || Configured.TryAdd(handle, handle);
}
