namespace SupportAgent.Core.Retrieval;

/// <summary>What the index stores per chunk: enough to search it and to cite it without a database round trip.</summary>
public sealed record IndexedChunk(string ChunkId, string DocumentId, string Title, string? Heading, string Text, string? Url);
