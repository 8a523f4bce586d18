using SupportAgent.Core.Retrieval;

namespace SupportAgent.Tests.Unit.Retrieval;

/// <summary>Which passages the answerer quotes from, and in what order.</summary>
public sealed class AnswerEvidenceTests
{
    private static Passage Passage(string id, double confidence) =>
        new(new IndexedChunk(id, id, id, null, $"Text of {id}.", null), Score: 0.5, confidence);

    private static readonly Passage[] Ranked = [Passage("redeeming", 0.85), Passage("earning", 0.82), Passage("exchanges", 0.30), Passage("expiry", 0.94)];

    [Fact]
    public void WithACalibratedConfidenceThePassagesThatJustifiedAnsweringAreReadFirst()
    {
        var evidence = new RetrievalResult("q", Ranked, Calibrated: true).Evidence;

        Assert.Equal(["expiry", "redeeming", "earning"], evidence.Select(p => p.Chunk.DocumentId));
    }

    [Fact]
    public void PassagesUnderHalfTheBestConfidenceAreNotQuoted()
    {
        var evidence = new RetrievalResult("q", [Passage("payments", 0.81), Passage("exchanges", 0.25), Passage("app", 0.19)], Calibrated: true).Evidence;

        Assert.Equal(["payments"], evidence.Select(p => p.Chunk.DocumentId));
    }

    [Fact]
    public void WithLexicalCoverageAsTheConfidenceTheRetrievalOrderIsKept()
    {
        var evidence = new RetrievalResult("q", Ranked).Evidence;

        Assert.Equal(["redeeming", "earning", "exchanges", "expiry"], evidence.Select(p => p.Chunk.DocumentId));
    }
}
