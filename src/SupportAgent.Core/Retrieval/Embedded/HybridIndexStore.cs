using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace SupportAgent.Core.Retrieval.Embedded;

/// <summary>
/// The embedded index's SQLite file: a <c>chunk_rows</c> table (text, citation fields, vector blob) and one FTS5
/// table per tenant over it. Separate FTS tables make isolation structural (a lexical query cannot even see another
/// tenant's postings), keep BM25's document frequencies per tenant, and keep one tenant's size from slowing another.
/// </summary>
/// Each vector is stored with the id of the model that wrote it (<c>model</c>): dense search reads only the configured
/// model's vectors, so a change of model never compares vectors of two models, and the rest are found and re-embedded.
internal sealed partial class HybridIndexStore
{
    private readonly string connectionString;
    private readonly string? model;

    public HybridIndexStore(string databasePath, string? model)
    {
        this.model = model;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = true }.ToString();
        using var connection = Open();
        Execute(connection, null, """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS chunk_rows (
                id INTEGER PRIMARY KEY, tenant_id TEXT NOT NULL, document_id TEXT NOT NULL, chunk_id TEXT NOT NULL,
                title TEXT NOT NULL, heading TEXT, text TEXT NOT NULL, url TEXT, vector BLOB);
            CREATE INDEX IF NOT EXISTS ix_chunk_rows_document ON chunk_rows (tenant_id, document_id);
            """);
        // Files written before vectors were keyed by model get the column; their vectors count as another model's.
        using var columns = Command(connection, null, "SELECT 1 FROM pragma_table_info('chunk_rows') WHERE name = 'model'");
        if (columns.ExecuteScalar() is null) Execute(connection, null, "ALTER TABLE chunk_rows ADD COLUMN model TEXT");
        Execute(connection, null, "CREATE INDEX IF NOT EXISTS ix_chunk_rows_model ON chunk_rows (tenant_id, model)");
    }

    /// <summary>The tenant's FTS table name: a hash, so no tenant id can ever be spliced into SQL.</summary>
    internal static string FtsTable(string tenantId) =>
        "fts_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(tenantId)))[..24];

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Deletes the document's rows and writes the new ones in one transaction; returns the new rows' ids.</summary>
    public List<long> Replace(string tenantId, string documentId, IReadOnlyList<IndexEntry> entries)
    {
        using var connection = Open();
        using var tx = connection.BeginTransaction();
        var fts = EnsureFts(connection, tx, tenantId);
        DeleteRows(connection, tx, fts, tenantId, documentId);
        var ids = new List<long>(entries.Count);
        foreach (var (c, vector) in entries)
        {
            using var insert = Command(connection, tx, """
                INSERT INTO chunk_rows (tenant_id, document_id, chunk_id, title, heading, text, url, vector, model)
                VALUES ($t, $d, $c, $title, $heading, $text, $url, $v, $m) RETURNING id
                """, ("$t", tenantId), ("$d", documentId), ("$c", c.ChunkId), ("$title", c.Title), ("$heading", c.Heading),
                ("$text", c.Text), ("$url", c.Url), ("$v", vector is null ? null : VectorBlob.ToBytes(vector)), ("$m", vector is null ? null : model));
            var id = (long)insert.ExecuteScalar()!;
            ids.Add(id);
            Execute(connection, tx, $"INSERT INTO {fts} (rowid, title, heading, text) VALUES ($id, $title, $heading, $text)",
                ("$id", id), ("$title", c.Title), ("$heading", c.Heading ?? ""), ("$text", c.Text));
        }
        tx.Commit();
        return ids;
    }

    public void Delete(string tenantId, string documentId)
    {
        using var connection = Open();
        using var tx = connection.BeginTransaction();
        if (FtsExists(connection, tx, tenantId)) DeleteRows(connection, tx, FtsTable(tenantId), tenantId, documentId);
        tx.Commit();
    }

    /// <summary>BM25 over the tenant's own FTS table; row ids best first. Titles and headings weigh more than body text.</summary>
    public List<(long RowId, double Score)> Lexical(SqliteConnection connection, string tenantId, string match, int limit)
    {
        if (!FtsExists(connection, null, tenantId)) return [];
        using var command = Command(connection, null,
            $"SELECT rowid, -bm25({FtsTable(tenantId)}, 3.0, 2.0, 1.0) AS score FROM {FtsTable(tenantId)} WHERE {FtsTable(tenantId)} MATCH $q ORDER BY score DESC LIMIT $k",
            ("$q", match), ("$k", limit));
        var ids = new List<(long, double)>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) ids.Add((reader.GetInt64(0), reader.GetDouble(1)));
        return ids;
    }

    /// <summary>The chunks for the given rows, filtered by tenant again: a row id alone is never trusted across tenants.</summary>
    public Dictionary<long, IndexedChunk> Chunks(SqliteConnection connection, string tenantId, IReadOnlyCollection<long> ids)
    {
        var chunks = new Dictionary<long, IndexedChunk>();
        if (ids.Count == 0) return chunks;
        using var command = Command(connection, null,
            // "+tenant_id" keeps SQLite from scanning the tenant's index (every row of a 100k-chunk tenant) instead of
            // looking the few ids up by primary key; the tenant is still checked on every row returned.
            $"SELECT id, chunk_id, document_id, title, heading, text, url FROM chunk_rows WHERE id IN ({string.Join(",", ids)}) AND +tenant_id = $t",
            ("$t", tenantId));
        using var reader = command.ExecuteReader();
        while (reader.Read())
            chunks[reader.GetInt64(0)] = new IndexedChunk(reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6));
        return chunks;
    }

    /// <summary>Every vector of the tenant written by the configured model, grouped by document (all documents, or one).</summary>
    public Dictionary<string, List<(long RowId, float[] Vector)>> Vectors(string tenantId, string? documentId = null)
    {
        using var connection = Open();
        using var command = Command(connection, null,
            "SELECT document_id, id, vector FROM chunk_rows WHERE tenant_id = $t AND vector IS NOT NULL AND model IS $m" +
            (documentId is null ? "" : " AND document_id = $d") + " ORDER BY document_id, id", ("$t", tenantId), ("$m", model), ("$d", documentId));
        var documents = new Dictionary<string, List<(long, float[])>>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var blob = (byte[])reader.GetValue(2);
            var vector = new float[blob.Length / sizeof(float)];
            VectorBlob.CopyTo(blob, vector);
            var document = reader.GetString(0);
            if (!documents.TryGetValue(document, out var rows)) documents[document] = rows = [];
            rows.Add((reader.GetInt64(1), vector));
        }
        return documents;
    }

    private static void DeleteRows(SqliteConnection connection, SqliteTransaction tx, string fts, string tenantId, string documentId)
    {
        Execute(connection, tx, $"DELETE FROM {fts} WHERE rowid IN (SELECT id FROM chunk_rows WHERE tenant_id = $t AND document_id = $d)",
            ("$t", tenantId), ("$d", documentId));
        Execute(connection, tx, "DELETE FROM chunk_rows WHERE tenant_id = $t AND document_id = $d", ("$t", tenantId), ("$d", documentId));
    }

    private static string EnsureFts(SqliteConnection connection, SqliteTransaction tx, string tenantId)
    {
        var fts = FtsTable(tenantId);
        Execute(connection, tx, $"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5(title, heading, text, tokenize = 'porter unicode61 remove_diacritics 2')");
        return fts;
    }

    private static bool FtsExists(SqliteConnection connection, SqliteTransaction? tx, string tenantId)
    {
        using var command = Command(connection, tx, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $n", ("$n", FtsTable(tenantId)));
        return command.ExecuteScalar() is not null;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, tx, sql, parameters);
        command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }
}
