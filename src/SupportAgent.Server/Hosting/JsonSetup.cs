using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportAgent.Server.Hosting;

public static class JsonSetup
{
    /// <summary>camelCase JSON with enums as lower-case strings ("indexed", "open"), for HTTP and SignalR alike.</summary>
    public static WebApplicationBuilder AddJson(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(o => Configure(o.SerializerOptions));
        builder.Services.AddSignalR().AddJsonProtocol(o => Configure(o.PayloadSerializerOptions));
        return builder;
    }

    private static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        // Numbers are numbers: the web default also reads "12" as 12, which makes every number in the OpenAPI document
        // "integer or string" and every generated client type loose for no caller's benefit.
        options.NumberHandling = JsonNumberHandling.Strict;
    }
}
