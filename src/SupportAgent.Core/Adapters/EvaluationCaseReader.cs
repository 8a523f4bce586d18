using System.Text.Json;

namespace SupportAgent.Core.Adapters;

/// <summary>One evaluation case in the DESIGN.md JSONL format (only the fields the adapter gate scores are kept).</summary>
public sealed record GateCase(string Id, string Question, IReadOnlyList<GateTurn> History, IReadOnlyList<string> ExpectedSources, string? ExpectedDecision);

public sealed record GateTurn(string Role, string Text);

public static class EvaluationCaseReader
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Parses every line or none: a bad line is reported with its number so the admin can fix the file.</summary>
    public static (IReadOnlyList<GateCase> Cases, string? Problem) Read(string jsonl, int maxCases)
    {
        var cases = new List<GateCase>();
        var lines = jsonl.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0) continue;
            Raw? raw;
            try { raw = JsonSerializer.Deserialize<Raw>(line, Json); }
            catch (JsonException e) { return ([], $"Line {i + 1} is not valid JSON: {e.Message}"); }
            if (raw is null || string.IsNullOrWhiteSpace(raw.Question))
                return ([], $"Line {i + 1} has no 'question'; each line is {{id, question, history?, expectedSources?, expectedDecision?}}.");
            if (raw.ExpectedDecision is not (null or "answer" or "escalate"))
                return ([], $"Line {i + 1}: 'expectedDecision' must be 'answer' or 'escalate', not '{raw.ExpectedDecision}'.");
            if (raw.History?.FirstOrDefault(t => t.Role is not ("user" or "assistant") || string.IsNullOrWhiteSpace(t.Text)) is { } badTurn)
                return ([], $"Line {i + 1}: history turns need role 'user' or 'assistant' and a text (got role '{badTurn.Role}').");
            cases.Add(new GateCase(raw.Id ?? $"line-{i + 1}", raw.Question, raw.History ?? [], raw.ExpectedSources ?? [], raw.ExpectedDecision));
            if (cases.Count > maxCases) return ([], $"At most {maxCases} cases are accepted per evaluation (each runs on both models).");
        }
        return cases.Count == 0 ? ([], "The body holds no evaluation cases; send JSONL, one case per line.") : (cases, null);
    }

    private sealed record Raw(string? Id, string? Question, List<GateTurn>? History, List<string>? ExpectedSources, string? ExpectedDecision);
}
