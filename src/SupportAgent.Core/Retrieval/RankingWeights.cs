namespace SupportAgent.Core.Retrieval;

/// <summary>
/// How retrieval orders passages, in two steps. The index fuses its ranked lists by weighted reciprocal rank fusion
/// (<see cref="Lexical"/> BM25, <see cref="Dense"/> embedding cosine, <see cref="WithinSubject"/> the question's terms
/// among the conversation subject's passages; score = Σ weight / (<see cref="RankConstant"/> + rank)). The retriever
/// then re-orders the fused head by rank, lexical coverage of the customer's own words (<see cref="Coverage"/>) and
/// entity agreement (<see cref="Entity"/>: the share of the subject's words in the passage's title and heading), so a
/// passage about the entity under discussion wins over the same topic for another entity.
/// </summary>
/// <remarks>Defaults tuned with <c>supportagent retrieval tune</c> on the DSTC11 dev half (docs/retrieval.md).</remarks>
public sealed record RankingWeights(double Lexical, double Dense, double WithinSubject, int RankConstant, double Coverage, double Entity)
{
    /// <summary>The weights before tuning for the shipped model: plain RRF (k = 60), the subject list counted twice, coverage 1.5.</summary>
    public static readonly RankingWeights Untuned = new(1, 1, 2, 60, 1.5, 0);

    /// <summary>
    /// Tuned for all-MiniLM-L6-v2 on the DSTC11 dev half and checked on the demo tenant's cases: the dense list
    /// weighted six times the lexical one (a sentence model's ranking is the better one), a sharper RRF constant (10),
    /// and entity agreement in the re-ranking (docs/retrieval.md, "Fusion weights").
    /// </summary>
    public static readonly RankingWeights Default = new(1, 6, 1, 10, 2, 2);
}
