using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportAgent.Core.Evaluation;

/// <summary>One JSON form for reports, so the API, the CLI and saved baselines are byte-for-byte comparable.</summary>
public static class ReportJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Serialize(EvaluationReport report) => JsonSerializer.Serialize(report, Options);

    public static EvaluationReport Deserialize(string json) =>
        JsonSerializer.Deserialize<EvaluationReport>(json, Options) ?? throw new EvaluationFileException("The report file is empty.");
}
