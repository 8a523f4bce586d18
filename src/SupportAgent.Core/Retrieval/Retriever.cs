using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using SupportAgent.Core.Answering.Semantic;
using SupportAgent.Core.Retrieval.Condensing;
using SupportAgent.Core.Retrieval.Embeddings;

namespace SupportAgent.Core.Retrieval;

/// <summary>Turns a customer message (and its conversation) into ranked, confidence-scored passages from the tenant's index.</summary>
public sealed class Retriever(IKnowledgeIndex index, QueryCondenser condenser, ILogger<Retriever> log, IEmbeddingGenerator<string, Embedding<float>>? embedder = null,
    PassageConfidence? confidence = null, SentenceEmbeddings? sentences = null, RankingWeights? weights = null)
{
    private readonly RankingWeights weights = weights ?? RankingWeights.Default;

    public Task<RetrievalResult> RetrieveAsync(string tenantId, string question, IReadOnlyList<ConversationTurn> history, int k, CancellationToken ct) =>
        RetrieveAsync(tenantId, question, history, k, documents: null, ct);

    /// <param name="documents">The tenant's documents version, when the caller read it already (see <see cref="QueryCondenser"/>).</param>
    public async Task<RetrievalResult> RetrieveAsync(string tenantId, string question, IReadOnlyList<ConversationTurn> history, int k, DocumentsVersion? documents,
        CancellationToken ct)
    {
        var query = question;
        IReadOnlyList<SearchHit> hits;
        IReadOnlyList<string> subject = [];
        try
        {
            var condensed = await condenser.CondenseAsync(tenantId, question, history, documents, ct);
            query = condensed.ToString();
            subject = condensed.Subject;
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
        var passages = Rerank(hits, question, subject, weights, k);
        // The answer/escalate confidence: calibrated semantic similarity when the embedder has a calibration (see PassageConfidence).
        return confidence is { Calibrated: true }
            ? new RetrievalResult(query, await confidence.ScoreAsync(question, passages, ct), Calibrated: true)
            : new RetrievalResult(query, passages);
    }

    /// <summary>
    /// Re-orders the fused head: its rank, blended with lexical coverage of the customer's own words (a passage that
    /// covers the literal question wins a near tie) and with entity agreement (a passage of the subject's own
    /// documents wins over the same topic for another entity).
    /// </summary>
    internal static List<Passage> Rerank(IReadOnlyList<SearchHit> hits, string question, IReadOnlyList<string> subject, RankingWeights weights, int k) =>
        [.. hits
            .Select((h, rank) => (Passage: new Passage(h.Chunk, h.Score, LexicalConfidence.Score(question, h.Chunk)), Rank: rank,
                Entity: weights.Entity > 0 ? EntityAgreement.Score(subject, h.Chunk) : 0))
            .OrderByDescending(p => RerankScore(weights, p.Rank, p.Passage.Confidence, p.Entity))
            .Select(p => p.Passage)
            .Take(k)];

    internal static double RerankScore(RankingWeights weights, int rank, double coverage, double entity) =>
        1.0 / (1 + rank) + weights.Coverage * coverage + weights.Entity * entity;
}
