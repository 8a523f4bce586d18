namespace SupportAgent.Core.Retrieval;

/// <summary>
/// Reciprocal rank fusion (Cormack et al., 2009): score = Σ 1 / (k + rank) over the ranked lists. It needs no score
/// calibration between BM25 and cosine, which live on unrelated scales, and it is what Qdrant's Query API does too.
/// </summary>
public static class ReciprocalRankFusion
{
    public const int K = 60;

    public static IReadOnlyList<(TId Id, double Score)> Fuse<TId>(params IReadOnlyList<TId>[] rankings) where TId : notnull
    {
        var scores = new Dictionary<TId, double>();
        var firstSeen = new Dictionary<TId, int>();
        foreach (var ranking in rankings)
            for (var rank = 0; rank < ranking.Count; rank++)
            {
                scores[ranking[rank]] = scores.GetValueOrDefault(ranking[rank]) + 1.0 / (K + rank + 1);
                firstSeen.TryAdd(ranking[rank], firstSeen.Count);
            }
        // Ties keep the order in which the lists first produced them (the lexical list goes first), so results are stable.
        return [.. scores.OrderByDescending(s => s.Value).ThenBy(s => firstSeen[s.Key]).Select(s => (s.Key, s.Value))];
    }
}
