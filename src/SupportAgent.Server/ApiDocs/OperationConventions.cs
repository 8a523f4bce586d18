using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace SupportAgent.Server.ApiDocs;

/// <summary>
/// Per operation: declares every path parameter (the tenant filter reads <c>{t}</c> itself, so no handler binds it),
/// a stable operationId, a summary, the bodies read by hand (multipart, CSV, JSONL), the error responses as problem
/// details, and no security on the public endpoints.
/// </summary>
public sealed partial class OperationConventions : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var method = description.HttpMethod ?? "GET";
        var route = "/" + (description.RelativePath ?? "").Split('?')[0].Trim('/');
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();

        DeclarePathParameters(operation, route);
        operation.OperationId ??= OperationIds.For(method, route);
        if (string.IsNullOrWhiteSpace(operation.Summary)) operation.Summary = Summaries.For(method, route);
        if (RequestBodies.For(method, route) is { } body) operation.RequestBody = body;
        if (anonymous) operation.Security = [];
        AddErrors(operation, context.Document!, method, route, anonymous, ValidatedRequests.Validates(description));
        return Task.CompletedTask;
    }

    private static void DeclarePathParameters(OpenApiOperation operation, string route)
    {
        operation.Parameters ??= [];
        foreach (Match match in RouteParameter().Matches(route))
        {
            var name = match.Groups[1].Value;
            var existing = operation.Parameters.FirstOrDefault(p => p.Name == name && p.In == ParameterLocation.Path);
            if (existing is not null) continue;
            operation.Parameters.Insert(0, new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Path,
                Required = true,
                Description = name == "t" ? "The tenant's id, e.g. 'acme'." : $"The {name} of the item.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }
        // Keep the tenant first, in route order, as a generated client's signature reads best that way.
        var ordered = operation.Parameters.OrderBy(p => p.In == ParameterLocation.Path ? route.IndexOf($"{{{p.Name}}}", StringComparison.Ordinal) : int.MaxValue).ToList();
        operation.Parameters.Clear();
        foreach (var p in ordered) operation.Parameters.Add(p);
    }

    private static void AddErrors(OpenApiOperation operation, OpenApiDocument document, string method, string route, bool anonymous, bool validates)
    {
        operation.Responses ??= [];
        var hasBody = operation.RequestBody is not null || method is "POST" or "PUT" or "PATCH";
        var statuses = new List<(string Code, string Why)>();
        if (validates) statuses.Add(("400", "A value breaks the operation's rules: 'errors' names each field with its messages."));
        else if (hasBody || operation.Parameters!.Any(p => p.In == ParameterLocation.Query)) statuses.Add(("400", "The request is malformed or a value is out of range."));
        if (!anonymous || route.StartsWith("/console/session", StringComparison.Ordinal)) statuses.Add(("401", "No key, an unknown key, or a signed-out session."));
        if (!anonymous) statuses.Add(("403", "The key's role may not do this, or it belongs to another tenant."));
        if (route.Contains('{')) statuses.Add(("404", "The tenant or the item does not exist (or belongs to another tenant)."));
        if (method is "POST" or "PUT" && route.Contains("{id}", StringComparison.Ordinal)) statuses.Add(("409", "The item's state does not allow this (e.g. already resolved)."));
        if (hasBody) statuses.Add(("413", "The body is larger than the server accepts."));
        if (hasBody) statuses.Add(("415", "The body's media type is not one this operation reads."));
        if (!anonymous) statuses.Add(("429", "Too many requests for this key, address or tenant; retry after the Retry-After header."));
        statuses.Add(("500", "An unexpected error; the problem details carry a trace id."));
        foreach (var (code, why) in statuses)
        {
            if (operation.Responses.TryGetValue(code, out var existing) && existing.Content?.Count > 0) continue;
            operation.Responses[code] = new OpenApiResponse
            {
                Description = why,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new()
                    {
                        Schema = new OpenApiSchemaReference(validates && code == "400" ? DocumentConventions.ValidationProblem : DocumentConventions.Problem, document),
                    },
                },
            };
        }
    }

    [GeneratedRegex(@"\{([A-Za-z0-9_]+)(?::[^}]*)?\}")]
    private static partial Regex RouteParameter();
}
