using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using SupportAgent.Core.Knowledge;
using SupportAgent.Core.Knowledge.Ingestion;
using SupportAgent.Core.Tenants;

namespace SupportAgent.Cli.Commands;

internal static class IngestCommand
{
    public static Command Create()
    {
        var tenant = new Option<string>("--tenant") { Description = "Tenant id", Required = true };
        var path = new Option<string>("--path") { Description = "A file, or a folder whose files (recursively) are ingested", Required = true };
        var command = new Command("ingest", "Ingest a file or a folder into a tenant's knowledge (the same pipeline as the upload API, in process).") { tenant, path };
        command.SetAction(async (parse, ct) =>
        {
            var tenantId = parse.GetValue(tenant)!;
            var target = parse.GetValue(path)!;
            var files = File.Exists(target) ? [target]
                : Directory.Exists(target) ? Directory.GetFiles(target, "*", SearchOption.AllDirectories).Order().ToArray() : [];
            if (files.Length == 0) { Console.Error.WriteLine($"No files at '{target}'."); return 2; }
            using var host = await CoreHost.StartAsync(parse, ct);
            await using (var scope = host.Services.CreateAsyncScope())
            {
                if (!await scope.ServiceProvider.GetRequiredService<TenantService>().ExistsAsync(tenantId, ct))
                {
                    Console.Error.WriteLine($"Tenant '{tenantId}' does not exist.");
                    return 2;
                }
            }
            var outcomes = new List<IngestionOutcome>();
            var progress = new ProgressBar(files.Length, Console.Out);
            for (var i = 0; i < files.Length; i++)
            {
                // A scope per file keeps memory flat over large folders.
                await using var scope = host.Services.CreateAsyncScope();
                var ingestor = scope.ServiceProvider.GetRequiredService<DocumentIngestor>();
                outcomes.AddRange(await ingestor.IngestAsync(tenantId, new DocumentUpload(Path.GetFileName(files[i]), await File.ReadAllBytesAsync(files[i], ct)), ct));
                progress.Report(i + 1, Path.GetFileName(files[i]));
            }
            foreach (var failed in outcomes.Where(o => o.Error is not null))
                Console.Error.WriteLine($"{failed.FileName}{(failed.Line is { } line ? $":{line}" : "")}: {failed.Error}");
            Console.WriteLine($"{outcomes.Count(o => o.Status == DocumentStatus.Indexed && !o.Unchanged)} indexed, "
                + $"{outcomes.Count(o => o.Unchanged)} unchanged, {outcomes.Count(o => o.Error is not null)} failed.");
            return outcomes.Any(o => o.Error is not null) ? 1 : 0;
        });
        return command;
    }
}
