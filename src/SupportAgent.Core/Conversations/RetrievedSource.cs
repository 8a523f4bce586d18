namespace SupportAgent.Core.Conversations;

/// <summary>A passage retrieval offered for a message, in rank order: kept on the decision for staff and for evaluation.</summary>
public sealed record RetrievedSource(string DocumentId, string ChunkId, double Score, double Confidence);
