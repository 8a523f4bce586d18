using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using SupportAgent.Core.Answering.Semantic;
using SupportAgent.Core.Retrieval.Condensing;
using SupportAgent.Core.Retrieval.Embeddings;

namespace SupportAgent.Core.Retrieval;

/// <summary>Turns a customer message (and its conversation) into ranked, confidence-scored passages from the tenant's index.</summary>
public sealed class Retriever(IKnowledgeIndex index, QueryCondenser condenser, ILogger<Retriever> log, IEmbeddingGenerator<string, Embedding<float>>? embedder = null,
    PassageConfidence? confidence = null, SentenceEmbeddings? sentences = null)
{
    public async Task<RetrievalResult> RetrieveAsync(string tenantId, string question, IReadOnlyList<ConversationTurn> history, int k, CancellationToken ct)
    {
        var query = question;
        IReadOnlyList<SearchHit> hits;
        try
        {
            var condensed = await condenser.CondenseAsync(tenantId, question, history, ct);
            query = condensed.ToString();
            // Through the turn's cache of question vectors: when the query is the question itself (no follow-up to
            // condense), the approved-answer, confidence and answer stages reuse this one embedding.
            var vector = embedder is null ? null : sentences is not null ? await sentences.QueryAsync(query, ct) : await embedder.EmbedQueryAsync(query, ct);
            hits = await index.SearchAsync(tenantId, new SearchQuery(condensed.Text, Math.Max(k * 2, 10), vector, condensed.Subject), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Knowledge index unavailable for tenant {Tenant}", tenantId);
            return new RetrievalResult(query, [], Unavailable: true);
        }
        // Confidence is measured against what the customer asked now; the condensed query only widens recall.
        // Ranking blends the fused rank with that coverage, so a passage that answers the literal question wins a near tie.
        var passages = hits
            .Select((h, rank) => (Passage: new Passage(h.Chunk, h.Score, LexicalConfidence.Score(question, h.Chunk)), Rank: rank))
            .OrderByDescending(p => RankScore(p.Rank) + CoverageWeight * p.Passage.Confidence)
            .Select(p => p.Passage)
            .Take(k)
            .ToList();
        // The answer/escalate confidence: calibrated semantic similarity when the embedder has a calibration (see PassageConfidence).
        return confidence is { Calibrated: true }
            ? new RetrievalResult(query, await confidence.ScoreAsync(question, passages, ct), Calibrated: true)
            : new RetrievalResult(query, passages);
    }

    private const double CoverageWeight = 1.5;
    private static double RankScore(int rank) => 1.0 / (1 + rank);
}
