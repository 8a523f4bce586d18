using Scalar.AspNetCore;

namespace SupportAgent.Server.ApiDocs;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c> (what integrators generate clients from, so it declares security,
/// every path parameter, request body and error) and the interactive reference at <c>/scalar</c>.
/// </summary>
public static class ApiDocsSetup
{
    public static WebApplicationBuilder AddApiDocs(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ApiReferenceOptions>().BindConfiguration(ApiReferenceOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHttpContextAccessor(); // the document names the server it was served from
        builder.Services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer<DocumentConventions>();
            o.AddOperationTransformer<OperationConventions>();
            o.AddSchemaTransformer<EnumSchemas>();
        });
        return builder;
    }

    public static WebApplication MapApiDocs(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        var enabled = app.Configuration.GetValue<bool?>($"{ApiReferenceOptions.SectionName}:Enabled") ?? app.Environment.IsDevelopment();
        if (enabled)
            app.MapScalarApiReference("/scalar", o => o.WithTitle("SupportAgent API")).AllowAnonymous();
        return app;
    }
}

/// <summary>Whether <c>/scalar</c> serves the interactive API reference; unset means on in Development only.</summary>
public sealed class ApiReferenceOptions
{
    public const string SectionName = "SupportAgent:ApiReference";

    public bool? Enabled { get; set; }
}
