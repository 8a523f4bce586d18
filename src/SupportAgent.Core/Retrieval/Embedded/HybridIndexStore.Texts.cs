namespace SupportAgent.Core.Retrieval.Embedded;

/// <summary>The rows' searchable text, for building a tenant's in-memory lexical index from the source of truth.</summary>
internal sealed partial class HybridIndexStore
{
    /// <summary>Every row of the tenant with the columns its FTS5 row holds (a missing heading is FTS5's empty string).</summary>
    public Dictionary<string, List<(long RowId, string Title, string? Heading, string Text)>> Texts(string tenantId)
    {
        using var connection = Open();
        using var command = Command(connection, null,
            "SELECT document_id, id, title, heading, text FROM chunk_rows WHERE tenant_id = $t ORDER BY document_id, id", ("$t", tenantId));
        var documents = new Dictionary<string, List<(long, string, string?, string)>>(StringComparer.Ordinal);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var document = reader.GetString(0);
            if (!documents.TryGetValue(document, out var rows)) documents[document] = rows = [];
            rows.Add((reader.GetInt64(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4)));
        }
        return documents;
    }
}
