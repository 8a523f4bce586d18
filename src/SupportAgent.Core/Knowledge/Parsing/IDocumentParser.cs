namespace SupportAgent.Core.Knowledge.Parsing;

public interface IDocumentParser
{
    /// <summary>Lower-case extensions with the dot, e.g. ".md".</summary>
    IReadOnlyCollection<string> Extensions { get; }

    /// <summary>
    /// Parses the file within <paramref name="budget"/> (default limits when null); throws
    /// <see cref="DocumentRejectedException"/> with a reason a person can act on.
    /// </summary>
    ParsedDocument Parse(byte[] content, string fileName, ParseBudget? budget = null);
}
