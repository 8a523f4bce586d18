using System.ComponentModel.DataAnnotations;

namespace SupportAgent.Core.Retrieval;

/// <summary>
/// <c>SupportAgent:Ranking</c>: the fusion and re-ranking weights (<see cref="RankingWeights"/>), configurable so a
/// deployment with another embedder or knowledge base can apply what <c>supportagent retrieval tune</c> finds for it.
/// </summary>
public sealed class RankingOptions
{
    public const string SectionName = "SupportAgent:Ranking";

    [Range(0, 100)] public double Lexical { get; set; } = RankingWeights.Default.Lexical;
    [Range(0, 100)] public double Dense { get; set; } = RankingWeights.Default.Dense;
    [Range(0, 100)] public double WithinSubject { get; set; } = RankingWeights.Default.WithinSubject;
    [Range(1, 1000)] public int RankConstant { get; set; } = RankingWeights.Default.RankConstant;
    [Range(0, 100)] public double Coverage { get; set; } = RankingWeights.Default.Coverage;
    [Range(0, 100)] public double Entity { get; set; } = RankingWeights.Default.Entity;

    public RankingWeights ToWeights() => new(Lexical, Dense, WithinSubject, RankConstant, Coverage, Entity);
}
