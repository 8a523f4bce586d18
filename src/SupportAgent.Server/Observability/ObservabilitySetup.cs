using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using SupportAgent.Core.Observability;

namespace SupportAgent.Server.Observability;

public static class ObservabilitySetup
{
    /// <summary>
    /// OpenTelemetry traces and metrics: the message path's own spans and meters, plus ASP.NET Core, Kestrel, SignalR
    /// connections, outgoing HTTP (LLM, embeddings, Qdrant) and the runtime. Exported over OTLP when the standard
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, so any collector (Aspire dashboard, Jaeger, Prometheus via a collector) can read them.
    /// </summary>
    public static WebApplicationBuilder AddObservability(this WebApplicationBuilder builder)
    {
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("supportagent"))
            .WithTracing(tracing => tracing
                .AddSource(ChatTelemetry.SourceName)
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsProbe(http.Request.Path))
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(ChatTelemetry.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddMeter("Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections", "System.Runtime")
                .AddHttpClientInstrumentation());
        // Setup code, not a service: reading the standard OpenTelemetry variable here is how the exporter is switched on.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            otel.UseOtlpExporter();
        return builder;
    }

    /// <summary>Probes hit every few seconds; tracing them would drown the traces that matter.</summary>
    private static bool IsProbe(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments("/ready");
}
