namespace SupportAgent.Core.Retrieval;

/// <summary>A passage offered to the answerer, with its confidence (see <see cref="LexicalConfidence"/>).</summary>
public sealed record Passage(IndexedChunk Chunk, double Score, double Confidence);

/// <param name="Query">The query actually searched (after condensing the conversation).</param>
/// <param name="Unavailable">The index could not be reached; the policy escalates instead of guessing.</param>
/// <param name="Calibrated">The confidence is the calibrated semantic score (a shipped model), not lexical coverage.</param>
public sealed record RetrievalResult(string Query, IReadOnlyList<Passage> Passages, bool Unavailable = false, bool Calibrated = false)
{
    public double Confidence => Passages.Count == 0 ? 0 : Passages.Max(p => p.Confidence);

    /// <summary>
    /// The passages in the order the answerer reads them. With a calibrated confidence, the passages that justified
    /// answering come first (ties keep the retrieval order) and passages under half the best confidence are left out:
    /// the ranking blends in shared words, so a passage whose meaning matches the question ("do my points ever run
    /// out?" → "Point expiry") can sit below ones that merely share its words, and a sentence quoted from a passage the
    /// confidence did not vouch for ("do u take amex" → a sentence about exchanges) answers something else.
    /// </summary>
    public IReadOnlyList<Passage> Evidence => Calibrated
        ? [.. Passages.Where(p => p.Confidence >= Confidence / 2).OrderByDescending(p => p.Confidence)]
        : Passages;
}
