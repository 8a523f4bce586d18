using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SupportAgent.Core.Data;

/// <summary>
/// WAL journal with synchronous=NORMAL on every connection: the ingestion worker writes while requests read, and
/// WAL lets readers proceed during a write; one WAL append per commit instead of a rollback journal's several
/// fsyncs is what makes per-document commits affordable. NORMAL in WAL mode never corrupts the file; at worst the
/// last commits before a power cut are lost, and ingestion re-queues anything not recorded as indexed.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(ct);
    }
}
