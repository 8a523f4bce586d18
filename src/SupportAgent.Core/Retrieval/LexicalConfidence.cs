namespace SupportAgent.Core.Retrieval;

/// <summary>
/// A calibrated-by-construction confidence in [0, 1]: the share of the question's content terms that the passage
/// covers, longer (rarer) terms counting more. BM25 scores are unbounded and not comparable across tenants or
/// queries, so the answer threshold is set on this instead. The question is read with its chat shorthand spelled out
/// (<see cref="CustomerWording"/>), so "doesnt" or "ur" is not counted as content the passage misses.
/// </summary>
public static class LexicalConfidence
{
    public static double Score(string question, IndexedChunk chunk)
    {
        var terms = TextAnalysis.Terms(CustomerWording.ForLexicalSearch(question));
        if (terms.Count == 0) return 0;
        var passage = TextAnalysis.Terms($"{chunk.Title} {chunk.Heading} {chunk.Text}").ToHashSet();
        double covered = 0, total = 0;
        foreach (var term in terms)
        {
            var weight = Math.Log(1 + term.Length);
            total += weight;
            if (passage.Contains(term)) covered += weight;
        }
        return covered / total;
    }
}
