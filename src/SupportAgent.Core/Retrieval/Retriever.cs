using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace SupportAgent.Core.Retrieval;

/// <summary>Turns a customer message (and its conversation) into ranked, confidence-scored passages from the tenant's index.</summary>
public sealed class Retriever(IKnowledgeIndex index, ILogger<Retriever> log, IEmbeddingGenerator<string, Embedding<float>>? embedder = null)
{
    public async Task<RetrievalResult> RetrieveAsync(string tenantId, string question, IReadOnlyList<string> customerHistory, int k, CancellationToken ct)
    {
        var query = Condense(question, customerHistory);
        IReadOnlyList<SearchHit> hits;
        try
        {
            var vector = embedder is null ? null : (await embedder.GenerateAsync([query], cancellationToken: ct))[0].Vector.ToArray();
            hits = await index.SearchAsync(tenantId, new SearchQuery(query, Math.Max(k * 2, 10), vector), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Knowledge index unavailable for tenant {Tenant}", tenantId);
            return new RetrievalResult(query, [], Unavailable: true);
        }
        // Confidence is measured against what the customer asked now; the condensed query only widens recall.
        var passages = hits
            .Select(h => new Passage(h.Chunk, h.Score, LexicalConfidence.Score(question, h.Chunk)))
            .OrderByDescending(p => Math.Round(p.Confidence, 2)).ThenByDescending(p => p.Score)
            .Take(k)
            .ToList();
        return new RetrievalResult(query, passages);
    }

    /// <summary>
    /// A short follow-up ("and to Canada?") carries too few terms to search on its own; borrow the previous customer
    /// turn so the topic survives.
    /// </summary>
    internal static string Condense(string question, IReadOnlyList<string> customerHistory)
    {
        if (customerHistory.Count == 0 || TextAnalysis.Terms(question).Count >= 3) return question;
        return $"{question} {customerHistory[^1]}";
    }
}
