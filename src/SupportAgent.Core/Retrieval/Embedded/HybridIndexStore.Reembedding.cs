namespace SupportAgent.Core.Retrieval.Embedded;

/// <summary>Finding and replacing vectors that another model (or no model) wrote, for background re-embedding.</summary>
internal sealed partial class HybridIndexStore
{
    /// <summary>Tenants with chunks whose vector is missing or another model's.</summary>
    public List<string> TenantsWithStaleVectors()
    {
        if (model is null) return [];
        using var connection = Open();
        using var command = Command(connection, null, "SELECT DISTINCT tenant_id FROM chunk_rows WHERE model IS NOT $m", ("$m", model));
        var tenants = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) tenants.Add(reader.GetString(0));
        return tenants;
    }

    public int CountStale(string tenantId)
    {
        using var connection = Open();
        using var command = Command(connection, null, "SELECT COUNT(*) FROM chunk_rows WHERE tenant_id = $t AND model IS NOT $m", ("$t", tenantId), ("$m", model));
        return Convert.ToInt32(command.ExecuteScalar());
    }

    public List<StaleChunk> Stale(string tenantId, int limit)
    {
        using var connection = Open();
        using var command = Command(connection, null,
            "SELECT id, chunk_id, document_id, title, heading, text, url FROM chunk_rows WHERE tenant_id = $t AND model IS NOT $m ORDER BY id LIMIT $k",
            ("$t", tenantId), ("$m", model), ("$k", limit));
        var rows = new List<StaleChunk>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
            rows.Add(new StaleChunk(reader.GetInt64(0), new IndexedChunk(reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6))));
        return rows;
    }

    /// <summary>Writes re-embedded vectors; a row deleted or replaced meanwhile is simply not there any more.</summary>
    public void SetVectors(string tenantId, IReadOnlyList<(long Key, float[] Vector)> vectors)
    {
        using var connection = Open();
        using var tx = connection.BeginTransaction();
        foreach (var (key, vector) in vectors)
            Execute(connection, tx, "UPDATE chunk_rows SET vector = $v, model = $m WHERE id = $id AND tenant_id = $t",
                ("$v", VectorBlob.ToBytes(vector)), ("$m", model), ("$id", key), ("$t", tenantId));
        tx.Commit();
    }

    public List<string> DocumentsOf(string tenantId, IReadOnlyCollection<long> keys)
    {
        if (keys.Count == 0) return [];
        using var connection = Open();
        using var command = Command(connection, null,
            $"SELECT DISTINCT document_id FROM chunk_rows WHERE id IN ({string.Join(",", keys)}) AND +tenant_id = $t", ("$t", tenantId)); // by primary key, see Chunks
        var documents = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) documents.Add(reader.GetString(0));
        return documents;
    }
}
