using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SupportAgent.Core.Triage.Classification;
using SupportAgent.Server.Console;
using SupportAgent.Server.Conversations;
using SupportAgent.Server.Escalations;
using SupportAgent.Server.Health;
using SupportAgent.Server.Triage;

namespace SupportAgent.Server.ApiDocs;

/// <summary>
/// Values that travel as lower-case strings but form a closed set: the document lists them, so generated clients get
/// union types instead of <c>string</c>.
/// </summary>
public sealed class EnumSchemas : IOpenApiSchemaTransformer
{
    // Declared first: static fields initialise in order.
    private static readonly string[] Decisions = ["answered", "escalated"];

    private static readonly Dictionary<(string Type, string Property), string[]> Known = new()
    {
        [(nameof(EscalationView), "status")] = ["open", "resolved"],
        [(nameof(MessageView), "role")] = ["customer", "assistant", "staff"],
        [(nameof(ConsoleSession.SessionView), "role")] = ["admin", "staff"],
        [(nameof(TriageModelStatus), "state")] = [TriageModelStatus.None, TriageModelStatus.Training, TriageModelStatus.Ready, TriageModelStatus.Failed],
        [(nameof(TriageApi.ExamplesAccepted), "status")] = [TriageModelStatus.Training],
        [(nameof(HealthApi.Liveness), "status")] = ["healthy"],
        [("ReadinessReport", "verdict")] = ["not_yet", "consider", "recommended"],
        [(nameof(EscalationTranscript.DecisionView), "action")] = Decisions,
    };

    /// <summary>Properties that mean the same closed set wherever they appear (a free-text <c>reason</c> such as an
    /// adapter activation note is a request property and never typed as one of these views).</summary>
    private static readonly Dictionary<string, string[]> ByProperty = new()
    {
        ["decision"] = Decisions,
        ["urgency"] = ["high", "normal"],
        ["sentiment"] = ["negative", "neutral"],
    };

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (schema.Properties is null) return Task.CompletedTask;
        var type = context.JsonTypeInfo.Type.Name;
        foreach (var (name, property) in schema.Properties)
        {
            // Escalation reasons are an enum type: the schema generator lists them from its member names.
            var values = Known.GetValueOrDefault((type, name)) ?? ByProperty.GetValueOrDefault(name);
            if (values is null || property is not OpenApiSchema concrete || concrete.Type?.HasFlag(JsonSchemaType.String) != true) continue;
            concrete.Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v)!)];
        }
        return Task.CompletedTask;
    }
}
