using Microsoft.Data.Sqlite;

namespace SupportAgent.Core.Retrieval.Embedded;

/// <summary>
/// The embedded lexical index: one SQLite FTS5 table (porter stemming, BM25) in its own file, partitioned by a
/// tenant column that every statement filters on. Its own file keeps index rebuilds away from the business data.
/// </summary>
public sealed class SqliteFtsIndex : IKnowledgeIndex
{
    private readonly string connectionString;

    public SqliteFtsIndex(string databasePath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);
        connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = true }.ToString();
        using var connection = Open();
        Execute(connection, null, """
            PRAGMA journal_mode=WAL;
            CREATE VIRTUAL TABLE IF NOT EXISTS chunks USING fts5(
                title, heading, text,
                tenant_id UNINDEXED, document_id UNINDEXED, chunk_id UNINDEXED, url UNINDEXED,
                tokenize = 'porter unicode61 remove_diacritics 2');
            """);
    }

    public async Task ReplaceDocumentAsync(string tenantId, string documentId, IReadOnlyList<IndexEntry> entries, CancellationToken ct)
    {
        await using var connection = Open();
        // One transaction: readers see the old chunks or the new ones, never neither or both.
        await using var tx = connection.BeginTransaction();
        Execute(connection, tx, "DELETE FROM chunks WHERE tenant_id = $t AND document_id = $d", ("$t", tenantId), ("$d", documentId));
        foreach (var c in entries.Select(e => e.Chunk))
        {
            Execute(connection, tx,
                "INSERT INTO chunks (title, heading, text, tenant_id, document_id, chunk_id, url) VALUES ($title, $heading, $text, $t, $d, $c, $url)",
                ("$title", c.Title), ("$heading", c.Heading), ("$text", c.Text), ("$t", tenantId), ("$d", documentId), ("$c", c.ChunkId), ("$url", c.Url));
        }
        await tx.CommitAsync(ct);
    }

    public async Task DeleteDocumentAsync(string tenantId, string documentId, CancellationToken ct)
    {
        await using var connection = Open();
        Execute(connection, null, "DELETE FROM chunks WHERE tenant_id = $t AND document_id = $d", ("$t", tenantId), ("$d", documentId));
    }

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string tenantId, SearchQuery query, CancellationToken ct)
    {
        var (match, k) = (FtsQuery(query.Text), query.K);
        if (match is null || k <= 0) return [];
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        // bm25() is lower-is-better; column weights favour titles and headings over body text.
        command.CommandText = """
            SELECT chunk_id, document_id, title, heading, text, url, -bm25(chunks, 3.0, 2.0, 1.0) AS score
            FROM chunks WHERE chunks MATCH $q AND tenant_id = $t
            ORDER BY score DESC LIMIT $k
            """;
        command.Parameters.AddWithValue("$q", match);
        command.Parameters.AddWithValue("$t", tenantId);
        command.Parameters.AddWithValue("$k", Math.Min(k, 1000));
        var hits = new List<SearchHit>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var chunk = new IndexedChunk(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5));
            hits.Add(new SearchHit(chunk, reader.GetDouble(6)));
        }
        return hits;
    }

    /// <summary>
    /// Builds an FTS5 query from plain words only: each term is quoted, so operators, column filters or quotes in
    /// the customer's text can never change the query's meaning (or reach the tenant column).
    /// </summary>
    internal static string? FtsQuery(string text)
    {
        var terms = TextAnalysis.Words(text).Distinct().Take(64).ToList();
        var content = terms.Where(t => TextAnalysis.Terms(t).Count > 0).ToList();
        if (content.Count > 0) terms = content;
        return terms.Count == 0 ? null : string.Join(" OR ", terms.Select(t => $"\"{t}\""));
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        command.ExecuteNonQuery();
    }
}
