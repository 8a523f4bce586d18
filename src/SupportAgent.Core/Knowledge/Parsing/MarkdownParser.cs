using System.Text;
using System.Text.RegularExpressions;

namespace SupportAgent.Core.Knowledge.Parsing;

/// <summary>
/// Splits markdown on ATX headings, keeping the heading path so chunks can be cited by section. It reads line by
/// line without building a tree, so deep block quotes and lists cost nothing extra; the inline patterns only see
/// lines of ordinary length and never backtrack, so a crafted line cannot make them run for minutes.
/// </summary>
public sealed partial class MarkdownParser : IDocumentParser
{
    public IReadOnlyCollection<string> Extensions { get; } = [".md", ".markdown"];

    [GeneratedRegex(@"^(#{1,6})\s+(.+?)\s*#*\s*$", RegexOptions.NonBacktracking)]
    private static partial Regex Heading();

    [GeneratedRegex(@"!?\[([^\]]*)\]\([^)]*\)", RegexOptions.NonBacktracking)]
    private static partial Regex Link();

    [GeneratedRegex(@"(\*\*|__|`)", RegexOptions.NonBacktracking)]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$", RegexOptions.NonBacktracking)]
    private static partial Regex TableRule();

    private static bool IsTableRule(string line) => TableRule().IsMatch(line);

    /// <summary>Longer lines are kept as plain text: no heading, link or table reading (each pattern is linear below it).</summary>
    private const int MaxMarkupLine = 4096;

    /// <summary>
    /// Reduces inline markdown to the text a reader sees: links keep their words, emphasis marks go, and a table row
    /// becomes its cells joined by " — ", so quoted answers and lexical matching see plain words.
    /// </summary>
    internal static string Plain(string line)
    {
        if (line.Length > MaxMarkupLine) return line;
        var text = Emphasis().Replace(Link().Replace(line, "$1"), "");
        var trimmed = text.Trim();
        if (trimmed.StartsWith('|') && trimmed.EndsWith('|') && trimmed.Length > 1)
            text = string.Join(" — ", trimmed[1..^1].Split('|').Select(c => c.Trim()).Where(c => c.Length > 0));
        return text;
    }

    public ParsedDocument Parse(byte[] content, string fileName, ParseBudget? budget = null)
    {
        budget ??= ParseBudget.Default(fileName);
        var text = TextDecoding.Decode(content, fileName);
        budget.CheckText(text.Length);
        var sections = new List<Section>();
        var path = new List<(int Level, string Title)>();
        var body = new StringBuilder();
        string? title = null;
        var inFence = false;

        foreach (var line in text.Split('\n'))
        {
            budget.Check();
            if (line.TrimStart().StartsWith("```")) inFence = !inFence;
            var match = inFence || line.Length > MaxMarkupLine ? Match.Empty : Heading().Match(line);
            if (!match.Success)
            {
                if (inFence || line.Length > MaxMarkupLine || !IsTableRule(line)) body.AppendLine(inFence ? line : Plain(line));
                continue;
            }
            Flush();
            var level = match.Groups[1].Length;
            var heading = match.Groups[2].Value;
            title ??= level == 1 ? heading : null;
            path.RemoveAll(p => p.Level >= level);
            path.Add((level, heading));
        }
        Flush();

        if (sections.Count == 0) throw new DocumentRejectedException($"'{fileName}' has no text.");
        return new ParsedDocument(title ?? TextDecoding.TitleFromFileName(fileName), sections);

        void Flush()
        {
            var s = body.ToString().Trim();
            body.Clear();
            if (s.Length > 0) sections.Add(new Section([.. path.Select(p => p.Title)], s));
        }
    }
}
