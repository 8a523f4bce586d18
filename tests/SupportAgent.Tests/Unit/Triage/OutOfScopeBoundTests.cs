using SupportAgent.Core.Triage.Classification;

namespace SupportAgent.Tests.Unit.Triage;

/// <summary>The upper bound on out-of-scope recall never buys recall with more in-scope accuracy than it is allowed to spend.</summary>
public sealed class OutOfScopeBoundTests
{
    private static (CategoryPrediction, bool) InScope(double probability, double nearest, bool right = true) =>
        (new CategoryPrediction("a", probability, nearest), right);

    private static CategoryPrediction Outside(double probability, double nearest) => new("a", probability, nearest);

    [Fact]
    public void TheBoundFlagsOnlyAsManyInScopeMessagesAsTheRequiredAccuracyAllows()
    {
        // Ten in-scope messages, all classified right; at 0.90 one of them may be flagged.
        var inScope = Enumerable.Range(0, 10).Select(i => InScope(0.5 + i * 0.05, 0.9)).ToList();
        var outside = new[] { Outside(0.30, 0.9), Outside(0.40, 0.9), Outside(0.52, 0.9), Outside(0.80, 0.9) };

        var probability = OutOfScopeBound.Find(inScope, outside, requiredAccuracy: 0.90).Single(b => b.Signal == "probability");

        // A limit just above 0.52 flags three of four outside messages and the one in-scope message at 0.50.
        Assert.Equal(0.75, probability.OutOfScopeRecall);
        Assert.Equal(0.90, probability.InScopeAccuracy, precision: 6);
    }

    [Fact]
    public void EitherSignalReachesWhatEachReachesAlone()
    {
        var inScope = Enumerable.Range(0, 20).Select(i => InScope(0.5 + i * 0.02, 0.6 + i * 0.02)).ToList();
        var outside = new[] { Outside(0.2, 0.95), Outside(0.95, 0.3), Outside(0.9, 0.9) };

        var bounds = OutOfScopeBound.Find(inScope, outside, requiredAccuracy: 0.95).ToDictionary(b => b.Signal);

        Assert.Equal(1.0 / 3, bounds["probability"].OutOfScopeRecall, precision: 6);
        Assert.Equal(1.0 / 3, bounds["nearest example"].OutOfScopeRecall, precision: 6);
        Assert.Equal(2.0 / 3, bounds["either"].OutOfScopeRecall, precision: 6);
    }

    [Fact]
    public void WithoutSentenceVectorsEitherSignalReachesWhatTheProbabilityReaches()
    {
        // No vectors: the nearest similarity is 1 for every message, so only the probability can separate them.
        var inScope = Enumerable.Range(0, 10).Select(i => InScope(0.5 + i * 0.05, 1)).ToList();
        var outside = new[] { Outside(0.30, 1), Outside(0.40, 1), Outside(0.80, 1) };

        var bounds = OutOfScopeBound.Find(inScope, outside, requiredAccuracy: 0.90).ToDictionary(b => b.Signal);

        Assert.Equal(2.0 / 3, bounds["probability"].OutOfScopeRecall, precision: 6);
        Assert.Equal(2.0 / 3, bounds["either"].OutOfScopeRecall, precision: 6);
    }

    [Fact]
    public void WrongCategoriesCountAgainstInScopeAccuracyEvenUnflagged()
    {
        // Nine of ten right already: at 0.90 nothing more may be flagged, so the bound has no recall to offer.
        var inScope = Enumerable.Range(0, 10).Select(i => InScope(0.5 + i * 0.05, 0.9, right: i != 9)).ToList();

        var bounds = OutOfScopeBound.Find(inScope, [Outside(0.6, 0.9)], requiredAccuracy: 0.90);

        Assert.All(bounds, b => Assert.Equal(0, b.OutOfScopeRecall));
    }
}
