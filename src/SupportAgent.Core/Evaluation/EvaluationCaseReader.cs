using System.Text.Json;

namespace SupportAgent.Core.Evaluation;

public static class EvaluationCaseReader
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly string[] Decisions = ["answer", "escalate"];

    /// <summary>Reads JSONL: one case per non-blank line. The whole file is rejected on the first bad line, so a run never measures half a file.</summary>
    public static IReadOnlyList<EvaluationCase> Read(string jsonl)
    {
        var cases = new List<EvaluationCase>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var raw in jsonl.Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0) continue;
            EvaluationCase? @case;
            try { @case = JsonSerializer.Deserialize<EvaluationCase>(line, Json); }
            catch (JsonException e) { throw new EvaluationFileException($"Line {lineNumber} is not valid JSON: {e.Message}"); }
            if (@case is null || string.IsNullOrWhiteSpace(@case.Id)) throw new EvaluationFileException($"Line {lineNumber} has no 'id'.");
            if (string.IsNullOrWhiteSpace(@case.Question)) throw new EvaluationFileException($"Line {lineNumber} (case '{@case.Id}') has no 'question'.");
            if (!ids.Add(@case.Id)) throw new EvaluationFileException($"Line {lineNumber}: case id '{@case.Id}' appears twice.");
            if (@case.ExpectedDecision is { } d && !Decisions.Contains(d))
                throw new EvaluationFileException($"Line {lineNumber} (case '{@case.Id}'): 'expectedDecision' must be 'answer' or 'escalate', not '{d}'.");
            if (@case.History?.FirstOrDefault(t => t.Role is not ("user" or "assistant") || string.IsNullOrWhiteSpace(t.Text)) is { } bad)
                throw new EvaluationFileException($"Line {lineNumber} (case '{@case.Id}'): history turns need role 'user' or 'assistant' and a text (got role '{bad.Role}').");
            cases.Add(@case);
        }
        if (cases.Count == 0) throw new EvaluationFileException("The evaluation file has no cases.");
        return cases;
    }
}
