using Microsoft.OpenApi;

namespace SupportAgent.Server.ApiDocs;

/// <summary>
/// Bodies the handlers read by hand (streams and forms, to enforce size and format limits themselves), which the
/// generator therefore cannot see: document uploads, triage CSV and evaluation JSONL.
/// </summary>
public static class RequestBodies
{
    public static OpenApiRequestBody? For(string method, string route) => (method, route) switch
    {
        ("POST", "/api/tenants/{t}/documents") => Body("One or more files (.md .txt .html .pdf .docx .jsonl) as 'file' parts.", "multipart/form-data", new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "file" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["file"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
            },
        }),
        ("POST", "/api/tenants/{t}/triage/examples") => Body("CSV with a header row 'text,category', one labelled example a line.", "text/csv",
            new OpenApiSchema { Type = JsonSchemaType.String, Examples = [System.Text.Json.Nodes.JsonValue.Create("text,category\nWhere is my parcel?,shipping\n")!] }),
        ("POST", "/api/tenants/{t}/evaluations") or ("POST", "/api/tenants/{t}/adapter/evaluate") => Jsonl(),
        _ => null,
    };

    private static OpenApiRequestBody Jsonl() => Body(
        "JSONL, one evaluation case a line: {id, question, history?, expectedSources?, expectedDecision?, expectedCategory?}.",
        "application/x-ndjson",
        new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Examples = [System.Text.Json.Nodes.JsonValue.Create("{\"id\":\"q1\",\"question\":\"How long does shipping to Canada take?\",\"expectedDecision\":\"answer\"}\n")!],
        });

    private static OpenApiRequestBody Body(string description, string mediaType, OpenApiSchema schema) => new()
    {
        Required = true,
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { [mediaType] = new() { Schema = schema } },
    };
}
