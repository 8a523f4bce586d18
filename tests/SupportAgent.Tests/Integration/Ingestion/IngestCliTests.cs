using System.CommandLine;
using System.Net.Http.Json;
using System.Text.Json;
using SupportAgent.Cli;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Ingestion;

/// <summary>The CLI's <c>ingest</c> runs the same pipeline in process against the server's data directory.</summary>
public class IngestCliTests(SharedApp shared) : IClassFixture<SharedApp>, IDisposable
{
    private readonly SupportAgentApp app = shared.App;
    private readonly string acmeId = TenantIds.New("acme");
    private readonly string folder = Directory.CreateTempSubdirectory("supportagent-ingest-cli").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task AFolderIsIngestedWithTheSamePipelineAndFailuresSetTheExitCode()
    {
        var keys = await app.CreateTenantAsync(acmeId);
        await File.WriteAllTextAsync(Path.Combine(folder, "returns-policy.md"), TestKnowledge.Returns);
        Directory.CreateDirectory(Path.Combine(folder, "word"));
        await File.WriteAllBytesAsync(Path.Combine(folder, "word", "loyalty.docx"), TestFiles.Docx(("Heading1", "Points"), (null, "One point per dollar.")));
        await File.WriteAllTextAsync(Path.Combine(folder, "faq.jsonl"), "{\"id\":\"faq-1\",\"text\":\"Gift wrap costs five dollars.\"}\n{\"id\":\"faq-2\"}\n");

        var exit = await CliApp.Build().Parse(["ingest", "--tenant", acmeId, "--path", folder, .. app.CliDataArguments]).InvokeAsync();

        Assert.Equal(1, exit); // faq.jsonl line 2 has no text
        using var admin = app.ClientWithKey(keys.Admin);
        var list = await admin.GetFromJsonAsync<JsonElement>($"/api/tenants/{acmeId}/documents");
        var documents = list.GetProperty("documents").EnumerateArray().ToDictionary(d => d.GetProperty("id").GetString()!, d => d.GetProperty("status").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["faq-1"] = "indexed", ["loyalty"] = "indexed", ["returns-policy"] = "indexed" }, documents);

        var again = await CliApp.Build().Parse(["ingest", "--tenant", acmeId, "--path", Path.Combine(folder, "returns-policy.md"), .. app.CliDataArguments]).InvokeAsync();
        Assert.Equal(0, again);
    }

    [Fact]
    public async Task AnUnknownTenantIsRefused()
    {
        await app.CreateTenantAsync(acmeId);
        await File.WriteAllTextAsync(Path.Combine(folder, "note.md"), "# Note\n\nText.");

        var exit = await CliApp.Build().Parse(["ingest", "--tenant", "nobody", "--path", folder, .. app.CliDataArguments]).InvokeAsync();

        Assert.Equal(2, exit);
    }
}

[OnPostgres]
public sealed class IngestCliTestsOnPostgres(SharedApp shared) : IngestCliTests(shared);
