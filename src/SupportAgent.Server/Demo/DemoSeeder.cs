using Microsoft.Extensions.Options;
using SupportAgent.Core.Knowledge.Ingestion;
using SupportAgent.Core.Tenants;
using SupportAgent.Core.Triage.Classification;

namespace SupportAgent.Server.Demo;

/// <summary>
/// Creates the demo tenant once and (re)ingests its documents in process, before the server listens, so the demo
/// answers from the first request; unchanged files are skipped by content hash, so restarts add nothing.
/// </summary>
public sealed class DemoSeeder(IServiceScopeFactory scopes, IOptions<DemoOptions> options, ILogger<DemoSeeder> log)
{
    public async Task SeedAsync(CancellationToken ct)
    {
        var demo = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var tenants = scope.ServiceProvider.GetRequiredService<TenantService>();
        if (!await tenants.ExistsAsync(DemoOptions.TenantId, ct))
        {
            var keys = new TenantKeys(
                demo.AdminKey ?? KeyHasher.NewKey(ApiKeyRole.Admin),
                demo.StaffKey ?? KeyHasher.NewKey(ApiKeyRole.Staff),
                demo.WidgetKey ?? KeyHasher.NewKey(ApiKeyRole.Widget));
            await tenants.CreateAsync(DemoOptions.TenantId, "Northwind Outfitters (demo)", [], keys, ct);
            log.LogInformation("Created demo tenant; admin key {Admin}, staff key {Staff}, widget key {Widget}", keys.Admin, keys.Staff, keys.Widget);
        }

        var folder = demo.KnowledgePath ?? FindKnowledgeFolder();
        if (folder is null || !Directory.Exists(folder))
        {
            log.LogWarning("Demo knowledge folder not found; the demo tenant has no documents");
            return;
        }
        await SeedTriageAsync(scope.ServiceProvider, Path.Combine(folder, "..", "triage", "demo.csv"), ct);
        var ingestor = scope.ServiceProvider.GetRequiredService<DocumentIngestor>();
        foreach (var file in Directory.EnumerateFiles(folder).Order())
        {
            var outcomes = await ingestor.IngestAsync(DemoOptions.TenantId, new DocumentUpload(Path.GetFileName(file), await File.ReadAllBytesAsync(file, ct)), ct);
            foreach (var outcome in outcomes.Where(o => o.Error is not null))
                log.LogWarning("Demo document {File} failed: {Error}", file, outcome.Error);
        }
    }

    /// <summary>The demo taxonomy is trained from examples kept beside the demo documents, once (the model is stored in the database and survives restarts).</summary>
    private async Task SeedTriageAsync(IServiceProvider services, string csvPath, CancellationToken ct)
    {
        var store = services.GetRequiredService<TriageModelStore>();
        if (!File.Exists(csvPath) || (await store.StatusAsync(DemoOptions.TenantId, ct)).State == TriageModelStatus.Ready) return;
        var (examples, error) = ExamplesCsv.Parse(await File.ReadAllTextAsync(csvPath, ct));
        error ??= TriageExamples.Validate(examples);
        if (error is not null) { log.LogWarning("Demo triage examples rejected: {Error}", error); return; }
        await services.GetRequiredService<TriageExamples>().ReplaceAsync(DemoOptions.TenantId, examples, ct, queueTraining: false);
        await services.GetRequiredService<TriageTrainer>().TrainAsync(DemoOptions.TenantId, "demo-seed", ct);
    }

    private static string? FindKnowledgeFolder()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "knowledge", "demo");
                if (Directory.Exists(candidate)) return candidate;
            }
        }
        return null;
    }
}
