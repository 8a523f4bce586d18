namespace SupportAgent.Core.Retrieval;

/// <summary>What the index stores per chunk: enough to search it and to cite it without a database round trip.</summary>
public sealed record IndexedChunk(string ChunkId, string DocumentId, string Title, string? Heading, string Text, string? Url);

/// <summary>A chunk as written to the index, with its dense embedding when an embedder is configured.</summary>
public sealed record IndexEntry(IndexedChunk Chunk, float[]? Vector = null)
{
    /// <summary>What a chunk's vector embeds: the document title and heading give a short passage its subject.
    /// Ingestion and re-embedding both use it, so a re-embedded chunk gets exactly the vector a fresh upload would.</summary>
    public static string EmbeddingText(string title, string? heading, string text) => $"{title}\n{heading}\n{text}";
}

/// <summary>A search: the (condensed) query text for lexical matching and its embedding for dense matching.</summary>
/// <param name="Subject">Words naming what the conversation is about (an entity from earlier turns). They describe the
/// document rather than the passage, so a lexical index matches them against titles and headings only.</param>
public sealed record SearchQuery(string Text, int K, float[]? Vector = null, IReadOnlyList<string>? Subject = null);
