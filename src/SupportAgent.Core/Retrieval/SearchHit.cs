namespace SupportAgent.Core.Retrieval;

/// <summary>A retrieved chunk. <paramref name="Score"/> is the index's own ranking score (higher is better).</summary>
public sealed record SearchHit(IndexedChunk Chunk, double Score);
