using System.Text.Json;
using System.Text.RegularExpressions;

namespace SupportAgent.Core.Knowledge.Parsing;

/// <summary>
/// A .jsonl file is many documents, one <c>{id, title, text, url?}</c> object a line (a help-centre export or a data
/// set). <see cref="Records"/> splits the file at upload, so each line succeeds or fails on its own; each good line
/// is stored as its own document and <see cref="Parse"/> later reads that single line.
/// </summary>
public sealed partial class JsonlParser : IDocumentParser
{
    public IReadOnlyCollection<string> Extensions { get; } = [".jsonl"];

    // Ids appear in URLs (/documents/{id}) and chunk ids, so they are kept to a safe, readable alphabet.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$")]
    private static partial Regex IdPattern();

    public sealed record Record(int Line, string? Id, byte[]? Content, string? Error);

    public static IEnumerable<Record> Records(byte[] content, string fileName)
    {
        var text = TextDecoding.Decode(content, fileName);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0) continue;
            var lineNo = i + 1;
            string? id = null;
            string? error = null;
            try { id = Read(line, lineNo).Id; }
            catch (DocumentRejectedException e) { error = e.Message; }
            if (id is not null && !seen.Add(id)) error = $"line {lineNo}: id '{id}' already appeared earlier in the file.";
            yield return error is null ? new Record(lineNo, id, System.Text.Encoding.UTF8.GetBytes(line), null) : new Record(lineNo, id, null, error);
        }
    }

    public ParsedDocument Parse(byte[] content, string fileName, ParseBudget? budget = null)
    {
        var line = TextDecoding.Decode(content, fileName).Trim();
        if (line.Contains('\n')) throw new DocumentRejectedException($"'{fileName}' must be split into records before parsing.");
        var (id, title, body, url) = Read(line, 1);
        return new ParsedDocument(title ?? id, [new Section([], body)], url);
    }

    private static (string Id, string? Title, string Text, string? Url) Read(string line, int lineNo)
    {
        JsonElement root;
        try { root = JsonDocument.Parse(line).RootElement.Clone(); }
        catch (JsonException e) { throw new DocumentRejectedException($"line {lineNo}: not valid JSON ({e.Message})", e); }
        if (root.ValueKind != JsonValueKind.Object) throw new DocumentRejectedException($"line {lineNo}: expected a JSON object {{id, title, text, url?}}.");
        var id = String(root, "id", lineNo);
        var text = String(root, "text", lineNo);
        if (string.IsNullOrWhiteSpace(id)) throw new DocumentRejectedException($"line {lineNo}: 'id' is missing or empty.");
        if (!IdPattern().IsMatch(id)) throw new DocumentRejectedException($"line {lineNo}: id '{id}' must be 1-200 letters, digits, '.', '_', ':' or '-'.");
        if (string.IsNullOrWhiteSpace(text)) throw new DocumentRejectedException($"line {lineNo}: 'text' is missing or empty.");
        var title = String(root, "title", lineNo);
        var url = String(root, "url", lineNo);
        if (!string.IsNullOrWhiteSpace(url) && !SafeLinks.IsWebLink(url))
            throw new DocumentRejectedException($"line {lineNo}: 'url' must be an absolute http or https address; citations link to it.");
        return (id, string.IsNullOrWhiteSpace(title) ? null : title.Trim(), text.Replace("\r\n", "\n").Trim(), string.IsNullOrWhiteSpace(url) ? null : url.Trim());
    }

    private static string? String(JsonElement root, string name, int lineNo) =>
        !root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw new DocumentRejectedException($"line {lineNo}: '{name}' must be a string.");
}
