using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace SupportAgent.Server.ApiDocs;

/// <summary>Document-wide parts: title, server, the three ways to authenticate, the error schema and what each tag is about.</summary>
public sealed class DocumentConventions(IHttpContextAccessor http) : IOpenApiDocumentTransformer
{
    public const string ApiKey = "ApiKey", Bearer = "Bearer", ConsoleCookie = "ConsoleCookie", Problem = "ProblemDetails",
        ValidationProblem = "HttpValidationProblemDetails";

    private static readonly Dictionary<string, string> TagDescriptions = new()
    {
        ["Health"] = "Liveness and readiness for load balancers and orchestrators.",
        ["Console"] = "The console's sign-in: a staff or admin key exchanged for an HttpOnly session cookie.",
        ["Tenants"] = "Tenants and their keys (operator key; admins read and change their own tenant).",
        ["Widget"] = "What the embeddable chat widget needs before the first message.",
        ["Documents"] = "The tenant's knowledge: upload, list, replace and delete documents (admin key).",
        ["Conversations"] = "Customer conversations over HTTP (widget key); the SignalR hub /hubs/chat streams the same.",
        ["Escalations"] = "The staff queue: escalations with triage, transcript, reply, resolve and verdict (staff key).",
        ["Approved answers"] = "Staff-approved question and answer pairs that answer matching questions directly (admin key).",
        ["Triage"] = "The tenant's labelled examples and the classifier trained from them (admin key).",
        ["Decisions"] = "The audit trail: why the agent answered or escalated each message (staff key).",
        ["Evaluations"] = "Run evaluation cases against the tenant's agent and get retrieval and decision metrics (admin key).",
        ["Adapters"] = "The tenant's LoRA adapter: register, evaluate against the base model, activate, remove (admin key).",
        ["Fine-tuning"] = "Whether fine-tuning would pay off, and the approved conversations to train on (admin key).",
        ["Analytics"] = "Deflection, escalations, response times and feedback over a date range (admin key).",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "SupportAgent API",
            Version = "v1",
            Description = "A multi-tenant support agent: upload knowledge, chat through the widget, work escalations. " +
                "Send a key in X-Api-Key (or Authorization: Bearer); errors are RFC 7807 problem details.",
        };
        // The server that served this document, without a trailing slash, so relative paths join cleanly.
        if (http.HttpContext?.Request is { } request)
            document.Servers = [new OpenApiServer { Url = $"{request.Scheme}://{request.Host}{request.PathBase}".TrimEnd('/') }];

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [ApiKey] = new OpenApiSecurityScheme { Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "X-Api-Key",
                Description = "An operator, admin, staff or widget key." },
            [Bearer] = new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "The same key as a bearer token." },
            [ConsoleCookie] = new OpenApiSecurityScheme { Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Cookie, Name = "supportagent_console",
                Description = "The console's session cookie from POST /console/session (same-origin pages only)." },
        };
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[Problem] = ProblemSchema();
        document.Components.Schemas[ValidationProblem] = ValidationProblemSchema();
        document.Security = [Requirement(document, ApiKey), Requirement(document, Bearer), Requirement(document, ConsoleCookie)];

        document.Paths["/ready"] = Readiness(document);

        var used = document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []).SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>())
            .Select(t => t.Name).OfType<string>().ToHashSet();
        document.Tags = new HashSet<OpenApiTag>(used.Order().Select(name => new OpenApiTag
        {
            Name = name,
            Description = TagDescriptions.GetValueOrDefault(name, name),
        }));
        return Task.CompletedTask;
    }

    /// <summary>/ready is a health-check endpoint, which the generator does not describe; load balancers read it.</summary>
    private static OpenApiPathItem Readiness(OpenApiDocument document) => new()
    {
        Operations = new Dictionary<HttpMethod, OpenApiOperation>
        {
            [HttpMethod.Get] = new()
            {
                OperationId = "getReady",
                Summary = "Readiness: 200 when the database, index and LLM answer, else 503 naming what is not ready.",
                Tags = new HashSet<OpenApiTagReference> { new("Health", document) },
                Security = [],
                Responses = new OpenApiResponses
                {
                    ["200"] = new OpenApiResponse
                    {
                        Description = "Every dependency answers.",
                        Content = new Dictionary<string, OpenApiMediaType>
                        {
                            ["application/json"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.Object,
                                Properties = new Dictionary<string, IOpenApiSchema> { ["status"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("ready")!] } } } },
                        },
                    },
                    ["503"] = new OpenApiResponse
                    {
                        Description = "Something the server needs is not ready; 'detail' names it.",
                        Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(Problem, document) } },
                    },
                },
            },
        },
    };

    public static OpenApiSecurityRequirement Requirement(OpenApiDocument document, string scheme) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };

    /// <summary>The 400 of an operation that validates its input: problem details whose <c>errors</c> is always there.</summary>
    private static OpenApiSchema ValidationProblemSchema()
    {
        var schema = ProblemSchema();
        schema.Description = "RFC 7807 problem details of a request that broke validation rules: 'errors' maps each field to its messages, "
            + "and 'detail' repeats them in one sentence.";
        schema.Required = new HashSet<string> { "errors" };
        schema.Examples = [new JsonObject
        {
            ["status"] = 400, ["title"] = "One or more validation errors occurred.", ["detail"] = "'question' must not be empty.",
            ["errors"] = new JsonObject { ["question"] = new JsonArray("'question' must not be empty.") },
        }];
        return schema;
    }

    private static OpenApiSchema ProblemSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 7807 problem details; 'detail' says what was wrong and how to fix it.",
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int32" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["errors"] = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "Per field messages, for validation errors.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } } },
        },
        Examples = [new JsonObject { ["status"] = 404, ["title"] = "Not Found", ["detail"] = "Escalation 'e_1' does not exist in tenant 'acme'." }],
    };
}
