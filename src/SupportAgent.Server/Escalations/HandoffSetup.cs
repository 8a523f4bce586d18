namespace SupportAgent.Server.Escalations;

public static class HandoffSetup
{
    public static WebApplicationBuilder AddHandoff(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<QueueViews>();
        builder.Services.AddScoped<EscalationTranscript.Lookup>();
        return builder;
    }
}
