using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SupportAgent.Core.Data;
using SupportAgent.Core.Recovery;
using SupportAgent.Server.Auth;
using SupportAgent.Server.Demo;

namespace SupportAgent.Server.Hosting;

/// <summary>
/// Runs before the server listens (hosted services start before Kestrel): apply migrations, then seed the demo.
/// So <c>/health</c> answering means the database is ready.
/// </summary>
public sealed class StartupTasks(IServiceScopeFactory scopes, IOptions<SupportAgentOptions> app, IOptions<DemoOptions> demo, DemoSeeder seeder, OperatorKey operatorKey,
    IHostApplicationLifetime lifetime, ILogger<StartupTasks> log) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SupportDbContext>();
            await db.Database.MigrateAsync(ct);
            await LegacyKeyImport.ImportAsync(db, app.Value.ResolveDataDirectory(), ct);
        }
        if (demo.Value.Seed) await seeder.SeedAsync(ct);
        if (operatorKey.Generated) log.LogInformation("Operator key (generated for Development): {OperatorKey}", operatorKey.Value);
        lifetime.ApplicationStarted.Register(() => log.LogInformation(
            "SupportAgent is ready.{Demo}", demo.Value.Seed
                ? $" Demo tenant 'demo': admin key '{demo.Value.AdminKey}', staff key '{demo.Value.StaffKey}', widget key '{demo.Value.WidgetKey}'."
                : ""));
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}

public static class StartupSetup
{
    public static WebApplicationBuilder AddStartupTasks(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<DemoSeeder>();
        // First of all hosted services: data protection's own starts by reading the key ring from the database.
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService, StartupTasks>());
        // After the migrations: messages a crash left without a reply, and evaluation conversations a crash left behind.
        builder.Services.AddOptions<RecoveryOptions>().BindConfiguration(RecoveryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHostedService<InterruptedTurnRecovery>();
        return builder;
    }
}
