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
    public static async Task<IHost> StartAsync(ParseResult parse, CancellationToken ct)
    {
        var builder = Host.CreateApplicationBuilder();
        if (parse.GetValue(GlobalOptions.DataDirectory) is { } dataDirectory)
            builder.Configuration["SupportAgent:DataDirectory"] = dataDirectory;
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSupportAgentCore();
        var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SupportDbContext>().Database.MigrateAsync(ct);
        return host;
    }
}
