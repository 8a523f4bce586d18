namespace SupportAgent.Core.Knowledge.Parsing;

/// <summary>A document reduced to its structure: a title and sections, each with its heading path; a URL when the source names one.</summary>
public sealed record ParsedDocument(string Title, IReadOnlyList<Section> Sections, string? Url = null);

/// <summary>Text under one heading. <paramref name="HeadingPath"/> is outermost first, e.g. ["Shipping", "Canada"].</summary>
public sealed record Section(IReadOnlyList<string> HeadingPath, string Text)
{
    public string? Heading => HeadingPath.Count == 0 ? null : string.Join(" › ", HeadingPath);
}
