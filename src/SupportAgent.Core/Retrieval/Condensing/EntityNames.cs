namespace SupportAgent.Core.Retrieval.Condensing;

/// <summary>
/// Whole names of the things a tenant's knowledge is about, read from titles written as "Name: question" (or
/// "Name - question", "Name | question") when a name heads at least two titles. A name is mentioned when a text has all
/// of its distinctive terms (all but one for names of four or more): "Fen Ditton" in an address does not mention
/// "Pizza Hut Fen Ditton", nor "the north" "City Centre North B and B". Terms shared by many names ("hotel", "house")
/// are not distinctive: they tell no name apart and are written differently ("guesthouse").
/// </summary>
public sealed class EntityNames
{
    private static readonly string[] Separators = [": ", " - ", " | "];
    /// <summary>A term heading more than this share of the names is a kind of thing, not part of what tells names apart.</summary>
    private const double GenericShare = 0.05;

    private readonly List<(string Name, HashSet<string> Key)> names;

    private EntityNames(List<(string, HashSet<string>)> names) => this.names = names;

    public static readonly EntityNames None = new([]);

    public bool IsEmpty => names.Count == 0;

    public static EntityNames Build(IEnumerable<string> titles)
    {
        var heads = titles.Select(Head).OfType<string>().GroupBy(h => h, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() >= 2).Select(g => g.Key).ToList();
        if (heads.Count < 2) return None;
        var share = heads.SelectMany(h => TextAnalysis.Terms(h)).GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
        var generic = Math.Max(2, heads.Count * GenericShare);
        return new EntityNames([.. heads
            .Select(h => (Name: h, Key: TextAnalysis.Terms(h).Where(t => share[t] <= generic && !t.All(char.IsDigit)).ToHashSet(StringComparer.Ordinal)))
            .Where(n => n.Key.Count > 0)]);
    }

    /// <summary>
    /// The distinctive words of the names the text mentions, as the names spell them: searching the generic ones
    /// ("restaurant") in titles would reach every name of that kind.
    /// </summary>
    public IReadOnlyList<string> Mentioned(string text)
    {
        var terms = TextAnalysis.Terms(text).ToHashSet(StringComparer.Ordinal);
        return [.. names
            .Select(n => (n.Name, n.Key, Hits: n.Key.Count(terms.Contains)))
            .Where(n => n.Hits == n.Key.Count || (n.Key.Count >= 4 && n.Hits >= n.Key.Count - 1))
            .OrderByDescending(n => n.Hits)
            .SelectMany(n => TextAnalysis.Words(n.Name).Where(w => TextAnalysis.Terms(w) is [var t] && n.Key.Contains(t)))
            .Distinct()];
    }

    private static string? Head(string title)
    {
        foreach (var separator in Separators)
            if (title.IndexOf(separator, StringComparison.Ordinal) is > 0 and var at) return title[..at].Trim();
        return null;
    }
}
