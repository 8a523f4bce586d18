using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using SupportAgent.Core.Knowledge.Ingestion;
using SupportAgent.Core.Tenants;

namespace SupportAgent.Cli.Commands;

internal static class IngestCommand
{
    public static Command Create()
    {
        var tenant = new Option<string>("--tenant") { Description = "Tenant id", Required = true };
        var path = new Option<string>("--path") { Description = "A file or a folder of documents", Required = true };
        var command = new Command("ingest", "Ingest a file or every file of a folder into a tenant's knowledge (same pipeline as the upload API).") { tenant, path };
        command.SetAction(async (parse, ct) =>
        {
            var tenantId = parse.GetValue(tenant)!;
            var target = parse.GetValue(path)!;
            var files = File.Exists(target) ? [target] : Directory.Exists(target) ? Directory.GetFiles(target).Order().ToArray() : [];
            if (files.Length == 0) { Console.Error.WriteLine($"No files at '{target}'."); return 2; }
            using var host = await CoreHost.StartAsync(parse, ct);
            await using var scope = host.Services.CreateAsyncScope();
            if (!await scope.ServiceProvider.GetRequiredService<TenantService>().ExistsAsync(tenantId, ct))
            {
                Console.Error.WriteLine($"Tenant '{tenantId}' does not exist.");
                return 2;
            }
            var ingestor = scope.ServiceProvider.GetRequiredService<DocumentIngestor>();
            var failed = 0;
            for (var i = 0; i < files.Length; i++)
            {
                var outcome = await ingestor.IngestAsync(tenantId, new DocumentUpload(Path.GetFileName(files[i]), await File.ReadAllBytesAsync(files[i], ct)), ct);
                if (outcome.Error is not null) failed++;
                var state = outcome.Error ?? (outcome.Unchanged ? "unchanged" : outcome.Status.ToString().ToLowerInvariant());
                Console.WriteLine($"[{i + 1}/{files.Length}] {Path.GetFileName(files[i])}: {state}");
            }
            return failed == 0 ? 0 : 1;
        });
        return command;
    }
}
