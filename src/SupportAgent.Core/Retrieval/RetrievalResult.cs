namespace SupportAgent.Core.Retrieval;

/// <summary>A passage offered to the answerer, with its confidence (see <see cref="LexicalConfidence"/>).</summary>
public sealed record Passage(IndexedChunk Chunk, double Score, double Confidence);

/// <param name="Query">The query actually searched (after condensing the conversation).</param>
/// <param name="Unavailable">The index could not be reached; the policy escalates instead of guessing.</param>
/// <param name="Calibrated">The confidence is the calibrated semantic score (a shipped model), not lexical coverage.</param>
public sealed record RetrievalResult(string Query, IReadOnlyList<Passage> Passages, bool Unavailable = false, bool Calibrated = false)
{
    public double Confidence => Passages.Count == 0 ? 0 : Passages.Max(p => p.Confidence);
}
