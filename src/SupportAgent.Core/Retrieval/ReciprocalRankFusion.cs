namespace SupportAgent.Core.Retrieval;

/// <summary>
/// Reciprocal rank fusion (Cormack et al., 2009): score = Σ 1 / (k + rank) over the ranked lists. It needs no score
/// calibration between BM25 and cosine, which live on unrelated scales, and it is what Qdrant's Query API does too.
/// The weighted form multiplies each list's term by its weight, so one side can count more than the other.
/// </summary>
public static class ReciprocalRankFusion
{
    public const int K = 60;

    public static IReadOnlyList<(TId Id, double Score)> Fuse<TId>(params IReadOnlyList<TId>[] rankings) where TId : notnull =>
        Fuse(K, [.. rankings.Select(r => (r, 1.0))]);

    public static IReadOnlyList<(TId Id, double Score)> Fuse<TId>(int k, params (IReadOnlyList<TId> Ranking, double Weight)[] rankings) where TId : notnull
    {
        var scores = new Dictionary<TId, double>();
        var firstSeen = new Dictionary<TId, int>();
        foreach (var (ranking, weight) in rankings)
        {
            if (weight <= 0) continue;
            for (var rank = 0; rank < ranking.Count; rank++)
            {
                scores[ranking[rank]] = scores.GetValueOrDefault(ranking[rank]) + weight / (k + rank + 1);
                firstSeen.TryAdd(ranking[rank], firstSeen.Count);
            }
        }
        // Ties keep the order in which the lists first produced them (the lexical list goes first), so results are stable.
        return [.. scores.OrderByDescending(s => s.Value).ThenBy(s => firstSeen[s.Key]).Select(s => (s.Key, s.Value))];
    }
}
