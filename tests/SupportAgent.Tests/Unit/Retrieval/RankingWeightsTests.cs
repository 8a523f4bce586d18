using SupportAgent.Core.Retrieval;

namespace SupportAgent.Tests.Unit.Retrieval;

/// <summary>Weighted fusion of the ranked lists and the retriever's re-ranking by coverage and entity agreement.</summary>
public sealed class RankingWeightsTests
{
    private static SearchHit Hit(string id, string title, string text) => new(new IndexedChunk(id, id, title, null, text, null), 0);

    [Fact]
    public void TheHeavierListLeadsTheFusion()
    {
        IReadOnlyList<string> lexical = ["a", "b"], dense = ["b", "a"];

        Assert.Equal("a", ReciprocalRankFusion.Fuse(10, (lexical, 1.0), (dense, 0.5))[0].Id);
        Assert.Equal("b", ReciprocalRankFusion.Fuse(10, (lexical, 1.0), (dense, 2.0))[0].Id);
    }

    [Fact]
    public void AListWeightedZeroAddsNothing()
    {
        IReadOnlyList<string> lexical = ["a"], dense = ["b"];

        Assert.Equal(["a"], ReciprocalRankFusion.Fuse(60, (lexical, 1.0), (dense, 0.0)).Select(f => f.Id));
    }

    [Fact]
    public void UnweightedFusionKeepsPlainReciprocalRanks()
    {
        IReadOnlyList<string> one = ["a", "b"], two = ["b"];

        var fused = ReciprocalRankFusion.Fuse(one, two);

        Assert.Equal("b", fused[0].Id);
        Assert.Equal(1.0 / 62 + 1.0 / 61, fused[0].Score, 12);
    }

    [Fact]
    public void APassageTitledWithTheSubjectAgreesWithIt()
    {
        var chunk = new IndexedChunk("c", "d", "Avalon Hotel: Is there parking?", null, "Street parking only.", null);

        Assert.Equal(1, EntityAgreement.Score(["avalon"], chunk));
        Assert.Equal(0, EntityAgreement.Score(["hobsons"], chunk));
        Assert.Equal(0, EntityAgreement.Score([], chunk));
    }

    [Fact]
    public void EntityAgreementPutsTheSubjectsPassageAheadOfAnotherEntitysOnTheSameTopic()
    {
        SearchHit[] hits = [Hit("hobsons", "Hobsons House: Is there parking?", "Parking is free."), Hit("avalon", "Avalon: Is there parking?", "Street parking only.")];
        var weights = RankingWeights.Default with { Entity = 2 };

        Assert.Equal("avalon", Retriever.Rerank(hits, "is there parking", ["avalon"], weights, 2)[0].Chunk.ChunkId);
        Assert.Equal("hobsons", Retriever.Rerank(hits, "is there parking", ["avalon"], weights with { Entity = 0 }, 2)[0].Chunk.ChunkId);
    }

    [Fact]
    public void CoverageOfTheCustomersWordsBreaksANearTie()
    {
        SearchHit[] hits = [Hit("gift", "Gift cards", "Gift cards never expire."), Hit("points", "Rewards", "Reward points expire after a year.")];

        Assert.Equal("points", Retriever.Rerank(hits, "do my reward points expire", [], RankingWeights.Default, 2)[0].Chunk.ChunkId);
    }
}
