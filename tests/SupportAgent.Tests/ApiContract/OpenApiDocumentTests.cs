using System.Net;
using System.Text;
using System.Text.Json;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.ApiContract;

[SlowCollection]
public sealed class OpenApiDocumentTests(SharedApp shared) : IClassFixture<SharedApp>, IDisposable
{
    private readonly SupportAgentApp app = shared.App;
    private readonly string folder = Directory.CreateTempSubdirectory("openapi-").FullName;

    public void Dispose()
    {
        Directory.Delete(folder, recursive: true);
    }

    private async Task<(string Path, JsonElement Document)> SaveDocumentAsync()
    {
        using var client = app.CreateClient();
        var json = await client.GetStringAsync("/openapi/v1.json");
        var path = Path.Combine(folder, "openapi.json");
        await File.WriteAllTextAsync(path, json);
        return (path, JsonDocument.Parse(json).RootElement);
    }

    [Fact]
    public async Task TheDocumentPassesRedoclysRecommendedLintWithoutErrors()
    {
        var tools = await ContractTools.DirectoryAsync();
        var (path, _) = await SaveDocumentAsync();

        var (code, output) = await ContractTools.RunAsync(tools, Path.Combine(tools, "node_modules", ".bin", "redocly"),
            $"lint --extends recommended --format stylish \"{path}\"");

        Assert.True(code == 0, $"Redocly found errors:\n{output}");
        Assert.Contains("openapi.json", output, StringComparison.Ordinal); // it linted our file, not nothing
    }

    [Fact]
    public async Task AClientGeneratedWithOpenapiTypescriptPassesTheTenantIdOnEveryTenantRoute()
    {
        var tools = await ContractTools.DirectoryAsync();
        var (path, document) = await SaveDocumentAsync();
        var generated = Path.Combine(folder, "api.d.ts");
        var (code, output) = await ContractTools.RunAsync(tools, Path.Combine(tools, "node_modules", ".bin", "openapi-typescript"), $"\"{path}\" -o \"{generated}\"");
        Assert.True(code == 0, $"openapi-typescript failed:\n{output}");

        // A program that names the tenant parameter of every tenant operation: it compiles only if each one has it.
        var program = new StringBuilder("import type { paths } from \"./api\";\n");
        var count = 0;
        foreach (var route in document.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/tenants/{t}", StringComparison.Ordinal)))
            foreach (var operation in route.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete"))
                program.AppendLine($"export const t{count++}: paths[\"{route.Name}\"][\"{operation.Name}\"][\"parameters\"][\"path\"][\"t\"] = \"acme\";");
        Assert.True(count >= 25, $"only {count} tenant operations in the document");
        await File.WriteAllTextAsync(Path.Combine(folder, "calls.ts"), program.ToString());
        var (tsc, errors) = await ContractTools.RunAsync(folder, Path.Combine(tools, "node_modules", ".bin", "tsc"), "--noEmit --strict --skipLibCheck calls.ts");

        Assert.True(tsc == 0, $"The generated client cannot pass the tenant id:\n{errors}");
    }

    [Fact]
    public async Task TheDocumentDeclaresKeysCookieAndProblemDetails()
    {
        var (_, document) = await SaveDocumentAsync();

        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("X-Api-Key", schemes.GetProperty("ApiKey").GetProperty("name").GetString());
        Assert.Equal("bearer", schemes.GetProperty("Bearer").GetProperty("scheme").GetString());
        Assert.Equal("cookie", schemes.GetProperty("ConsoleCookie").GetProperty("in").GetString());
        var escalation = document.GetProperty("paths").GetProperty("/api/tenants/{t}/escalations/{id}").GetProperty("get");
        Assert.Equal("#/components/schemas/ProblemDetails",
            escalation.GetProperty("responses").GetProperty("404").GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString());
        Assert.True(document.GetProperty("paths").TryGetProperty("/ready", out _));
        var upload = document.GetProperty("paths").GetProperty("/api/tenants/{t}/documents").GetProperty("post").GetProperty("requestBody").GetProperty("content");
        Assert.True(upload.TryGetProperty("multipart/form-data", out _));
    }

    [Fact]
    public async Task OperationsThatValidateByAnnotationsDeclareTheirBadRequestAsAValidationProblem()
    {
        var (_, document) = await SaveDocumentAsync();
        string BadRequestSchema(string path, string method) => document.GetProperty("paths").GetProperty(path).GetProperty(method)
            .GetProperty("responses").GetProperty("400").GetProperty("content").GetProperty("application/problem+json").GetProperty("schema")
            .GetProperty("$ref").GetString()!;

        const string validation = "#/components/schemas/HttpValidationProblemDetails";
        Assert.Equal(validation, BadRequestSchema("/console/session", "post"));
        Assert.Equal(validation, BadRequestSchema("/api/tenants", "post"));
        Assert.Equal(validation, BadRequestSchema("/api/tenants/{t}/approved-answers", "post"));
        Assert.Equal(validation, BadRequestSchema("/api/tenants/{t}/conversations/{c}/messages", "post"));
        // A body read by hand (multipart) is refused with plain problem details.
        Assert.Equal("#/components/schemas/ProblemDetails", BadRequestSchema("/api/tenants/{t}/documents", "post"));
        var schema = document.GetProperty("components").GetProperty("schemas").GetProperty("HttpValidationProblemDetails");
        Assert.Equal(["errors"], schema.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task ClosedSetsAreEnumsAndNumbersAreNeverTypedAsStrings()
    {
        var (_, document) = await SaveDocumentAsync();
        var schemas = document.GetProperty("components").GetProperty("schemas");
        // A closed set is listed in place, or is an enum type's schema referenced from the property (directly or as the
        // non-null branch of a nullable property).
        JsonElement Resolve(JsonElement property)
        {
            if (property.TryGetProperty("enum", out _)) return property;
            if (property.TryGetProperty("$ref", out var reference)) return Resolve(schemas.GetProperty(reference.GetString()!.Split('/')[^1]));
            foreach (var union in new[] { "oneOf", "anyOf", "allOf" })
                if (property.TryGetProperty(union, out var branches))
                    foreach (var branch in branches.EnumerateArray())
                        if (branch.TryGetProperty("$ref", out _) || branch.TryGetProperty("enum", out _)) return Resolve(branch);
            return property;
        }
        string[] Values(string schema, string property) =>
            [.. Resolve(schemas.GetProperty(schema).GetProperty("properties").GetProperty(property)).GetProperty("enum").EnumerateArray()
                .Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).Order()];

        Assert.Equal(["action_request", "generation_failed", "low_confidence", "out_of_scope", "retrieval_unavailable", "sensitive", "ungrounded", "urgent", "wants_human"],
            Values("ChatReply", "reason"));
        Assert.Contains("action_request", Values("EscalationView", "reason"));
        Assert.Equal(["high", "normal"], Values("EscalationView", "urgency"));
        Assert.Equal(["admin", "staff"], Values("SessionView", "role"));
        Assert.Equal(["consider", "not_yet", "recommended"], Values("ReadinessReport", "verdict"));
        Assert.Contains("ready", Values("TriageModelStatus", "state"));
        // Free text stays free text.
        Assert.False(schemas.GetProperty("ActivateRequest").GetProperty("properties").GetProperty("reason").TryGetProperty("enum", out _));
        var loose = schemas.EnumerateObject()
            .SelectMany(s => s.Value.TryGetProperty("properties", out var props) ? props.EnumerateObject().Select(p => (s.Name, p)) : [])
            .Where(x => x.p.Value.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.Array
                && type.EnumerateArray().Any(t => t.GetString() is "integer" or "number") && type.EnumerateArray().Any(t => t.GetString() == "string"))
            .Select(x => $"{x.Name}.{x.p.Name}").ToList();
        Assert.Empty(loose);
    }

    [Fact]
    public async Task TheApiReferenceIsServedAtScalarAndTheFaviconIsNotAnError()
    {
        using var reference = new SupportAgentApp().With("SupportAgent:ApiReference:Enabled", "true");
        using var client = reference.CreateClient();

        var page = await client.GetAsync("/scalar");
        var favicon = await client.GetAsync("/favicon.ico");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("openapi/v1.json", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NoContent, favicon.StatusCode);
    }

    [Fact]
    public async Task TheApiReferenceIsOffOutsideDevelopmentUnlessConfigured()
    {
        using var client = app.CreateClient(); // the test host runs as "Testing"

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/scalar")).StatusCode);
    }
}
