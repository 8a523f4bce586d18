using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SupportAgent.Server.Conversations;

namespace SupportAgent.Server.ApiDocs;

/// <summary>
/// Values that travel as lower-case strings but form a closed set: the document lists them, so generated clients get
/// union types instead of <c>string</c>.
/// </summary>
public sealed class EnumSchemas : IOpenApiSchemaTransformer
{
    private static readonly Dictionary<(string Type, string Property), string[]> Known = new()
    {
        [(nameof(EscalationView), "status")] = ["open", "resolved"],
        [(nameof(MessageView), "role")] = ["customer", "assistant", "staff"],
    };

    private static readonly Dictionary<string, string[]> ByProperty = new()
    {
        ["decision"] = ["answered", "escalated"],
    };

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (schema.Properties is null) return Task.CompletedTask;
        var type = context.JsonTypeInfo.Type.Name;
        foreach (var (name, property) in schema.Properties)
        {
            var values = Known.GetValueOrDefault((type, name)) ?? ByProperty.GetValueOrDefault(name);
            if (values is null || property is not OpenApiSchema concrete || concrete.Type?.HasFlag(JsonSchemaType.String) != true) continue;
            concrete.Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v)!)];
        }
        return Task.CompletedTask;
    }
}
