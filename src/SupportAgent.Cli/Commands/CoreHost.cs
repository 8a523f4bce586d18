using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SupportAgent.Core.Data;
using SupportAgent.Core.Hosting;

namespace SupportAgent.Cli.Commands;

/// <summary>Builds the Core services from the same configuration sources as the server (appsettings.json, SupportAgent__* variables).</summary>
internal static class CoreHost
{
    /// <param name="overrides">Settings that win over everything else (e.g. a scratch data directory for a benchmark).</param>
    public static async Task<IHost> StartAsync(ParseResult parse, CancellationToken ct, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var builder = Host.CreateApplicationBuilder();
        if (parse.GetValue(GlobalOptions.DataDirectory) is { } dataDirectory)
            builder.Configuration["SupportAgent:DataDirectory"] = dataDirectory;
        if (parse.GetValue(GlobalOptions.Postgres) is { } postgres)
            (builder.Configuration["SupportAgent:Database:Provider"], builder.Configuration["SupportAgent:Database:ConnectionString"]) = (DatabaseProviders.Postgres, postgres);
        foreach (var setting in parse.GetValue(GlobalOptions.Settings) ?? [])
            if (setting.Split('=', 2) is [var key, var value]) builder.Configuration[key.Trim()] = value;
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) builder.Configuration[key] = value;
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        CliSecrets.Add(builder.Services);
        builder.Services.AddSupportAgentCore();
        var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SupportDbContext>().Database.MigrateAsync(ct);
        return host;
    }
}
