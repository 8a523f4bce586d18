using SupportAgent.Core.Retrieval;
using SupportAgent.Core.Retrieval.Embedded;

namespace SupportAgent.Cli.Commands;

/// <summary>One case's ranked lists and what is needed to fuse and re-rank them offline.</summary>
/// <param name="Coverage">Lexical coverage of the question by each chunk; <paramref name="Entity"/>: entity agreement of each chunk.</param>
internal sealed record CaseReplay(RankedLists Lists, IReadOnlyDictionary<long, string> Documents, IReadOnlyDictionary<long, double> Coverage,
    IReadOnlyDictionary<long, double> Entity, HashSet<string> Expected);

internal readonly record struct FusionScore(double HitAt5, double HitAt1, double Mrr) : IComparable<FusionScore>
{
    public int CompareTo(FusionScore other) => (HitAt5, Mrr, HitAt1).CompareTo((other.HitAt5, other.Mrr, other.HitAt1));

    public override string ToString() => FormattableString.Invariant($"hit@5 {HitAt5:F3} hit@1 {HitAt1:F3} MRR {Mrr:F3}");
}

/// <summary>The weightings tried by <c>retrieval tune</c>, and their scoring as the index and the retriever would rank.</summary>
internal static class FusionGrid
{
    /// <summary>What the retriever asks the index for at the tenants' default top 5 (twice k, at least 10), and how deep the index's lists go.</summary>
    public const int Requested = 10, Depth = 50, Cited = 5;

    public static IEnumerable<RankingWeights> Weightings() =>
        from dense in new[] { 0.5, 0.75, 1, 1.25, 1.5, 2, 3, 4, 6 }
        from within in new[] { 0, 1, 2, 3, 4 }
        from k in new[] { 5, 10, 30, 60 }
        from coverage in new[] { 0, 0.5, 1, 1.5, 2, 3 }
        from entity in new[] { 0, 0.25, 0.5, 1, 2 }
        select new RankingWeights(1, dense, within, k, coverage, entity);

    /// <summary>Per case, the reciprocal rank of the first right document among the cited passages' distinct documents (0 when none), as the evaluation counts.</summary>
    public static double[] ReciprocalRanks(IReadOnlyList<CaseReplay> cases, RankingWeights w)
    {
        var result = new double[cases.Count];
        for (var i = 0; i < cases.Count; i++)
        {
            var c = cases[i];
            // As EmbeddedHybridIndex.SearchAsync fuses and Retriever.Rerank re-orders (features computed once per chunk).
            var head = ReciprocalRankFusion.Fuse(w.RankConstant, (c.Lists.WithinSubject, w.WithinSubject), (c.Lists.Lexical, w.Lexical), (c.Lists.Dense, w.Dense))
                .Take(Requested).Where(f => c.Documents.ContainsKey(f.Id)).Select(f => f.Id).ToList();
            var ranked = head.Select((id, rank) => (id, Score: Retriever.RerankScore(w, rank, c.Coverage[id], w.Entity > 0 ? c.Entity[id] : 0)))
                .OrderByDescending(x => x.Score).Take(Cited).Select(x => c.Documents[x.id]).Distinct().ToList();
            var first = ranked.FindIndex(c.Expected.Contains);
            result[i] = first < 0 ? 0 : 1.0 / (first + 1);
        }
        return result;
    }

    public static FusionScore Score(IEnumerable<double> reciprocalRanks)
    {
        var rr = reciprocalRanks.ToList();
        var n = Math.Max(rr.Count, 1);
        return new FusionScore(rr.Count(r => r > 0) / (double)n, rr.Count(r => r == 1) / (double)n, rr.Sum() / n);
    }
}
