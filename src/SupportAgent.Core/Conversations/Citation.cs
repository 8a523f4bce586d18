namespace SupportAgent.Core.Conversations;

/// <summary>A source shown with an answer: which document and chunk, with the passage it came from.</summary>
public sealed record Citation(string DocumentId, string Title, string ChunkId, string Snippet, string? Url = null, string? Heading = null);
