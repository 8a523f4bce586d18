namespace SupportAgent.Core.Retrieval;

/// <summary>
/// Whether a passage is about the entity the conversation is about: the share of the subject's content terms that
/// the passage's title and heading carry (0 without a subject). Knowledge bases of many similar entities (hotels,
/// products, plans) hold the same FAQ for each of them, and in meaning "is there parking?" is as close to one hotel's
/// answer as to another's; only the name tells them apart.
/// </summary>
public static class EntityAgreement
{
    public static double Score(IReadOnlyList<string> subject, IndexedChunk chunk)
    {
        if (subject.Count == 0) return 0;
        var terms = subject.SelectMany(TextAnalysis.Terms).Distinct().ToList();
        if (terms.Count == 0) return 0;
        var title = TextAnalysis.Terms($"{chunk.Title} {chunk.Heading}").ToHashSet();
        return (double)terms.Count(title.Contains) / terms.Count;
    }
}
