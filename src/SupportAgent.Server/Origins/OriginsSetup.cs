using Microsoft.AspNetCore.Cors.Infrastructure;

namespace SupportAgent.Server.Origins;

public static class OriginsSetup
{
    public static WebApplicationBuilder AddWidgetOrigins(this WebApplicationBuilder builder)
    {
        builder.Services.AddCors();
        builder.Services.AddSingleton<ICorsPolicyProvider, TenantCorsPolicyProvider>();
        builder.Services.AddScoped<TenantOrigins>();
        return builder;
    }

    /// <summary>CORS goes before authentication (preflights carry no key); the origin check after it (it needs the key's tenant).</summary>
    public static WebApplication UseWidgetCors(this WebApplication app)
    {
        app.UseCors();
        return app;
    }

    public static WebApplication UseWidgetOriginCheck(this WebApplication app)
    {
        app.UseMiddleware<WidgetOriginCheck>();
        return app;
    }
}
