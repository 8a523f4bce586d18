using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration;

public class DocumentsTests(SharedApp shared) : IClassFixture<SharedApp>, IAsyncLifetime
{
    private readonly SupportAgentApp app = shared.App;
    private readonly string acmeId = TenantIds.New("acme");
    private SupportAgentApp.TenantKeys keys = null!;

    public async Task InitializeAsync() => keys = await app.CreateTenantAsync(acmeId);
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task UploadedMarkdownAndTextAreListedAsIndexedWithTheirChunks()
    {
        var upload = await app.UploadAsync(acmeId, keys.Admin, TestKnowledge.Files);

        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        using var admin = app.ClientWithKey(keys.Admin);
        var list = await admin.GetFromJsonAsync<JsonElement>($"/api/tenants/{acmeId}/documents");
        var documents = list.GetProperty("documents").EnumerateArray().ToList();
        Assert.Equal(["international-shipping", "payments", "returns-policy"], documents.Select(d => d.GetProperty("id").GetString()));
        Assert.All(documents, d => Assert.Equal("indexed", d.GetProperty("status").GetString()));
        Assert.All(documents, d => Assert.True(d.GetProperty("chunkCount").GetInt32() >= 1));
    }

    [Fact]
    public async Task AnUnsupportedFileIsReportedAndTheOtherFilesStillIngest()
    {
        var upload = await app.UploadAsync(acmeId, keys.Admin, ("notes.xyz", "whatever"), ("returns-policy.md", TestKnowledge.Returns));

        var body = await upload.Content.ReadFromJsonAsync<JsonElement>();
        var results = body.GetProperty("documents").EnumerateArray().ToList();
        Assert.Equal("failed", results[0].GetProperty("status").GetString());
        Assert.Contains("unsupported", results[0].GetProperty("error").GetString());
        Assert.Equal("pending", results[1].GetProperty("status").GetString());
        using var admin = app.ClientWithKey(keys.Admin);
        var returns = await admin.GetFromJsonAsync<JsonElement>($"/api/tenants/{acmeId}/documents/returns-policy");
        Assert.Equal("indexed", returns.GetProperty("status").GetString());
    }

    [Fact]
    public async Task TheListCanBeFilteredByStatus()
    {
        await app.UploadAsync(acmeId, keys.Admin, ("returns-policy.md", TestKnowledge.Returns));
        using var admin = app.ClientWithKey(keys.Admin);

        var indexed = await admin.GetFromJsonAsync<JsonElement>($"/api/tenants/{acmeId}/documents?status=indexed");
        var failed = await admin.GetFromJsonAsync<JsonElement>($"/api/tenants/{acmeId}/documents?status=failed");

        Assert.Equal("returns-policy", indexed.GetProperty("documents")[0].GetProperty("id").GetString());
        Assert.Equal(0, failed.GetProperty("documents").GetArrayLength());
        var detail = await (await admin.GetAsync($"/api/tenants/{acmeId}/documents?status=done")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("'done'", detail);
    }

    [Fact]
    public async Task AnUploadWithoutFilesIsA400()
    {
        using var admin = app.ClientWithKey(keys.Admin);

        var response = await admin.PostAsJsonAsync($"/api/tenants/{acmeId}/documents", new { text = "not a file" });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AnUnknownDocumentIsA404()
    {
        using var admin = app.ClientWithKey(keys.Admin);

        await (await admin.GetAsync($"/api/tenants/{acmeId}/documents/nope")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}

[OnPostgres]
public sealed class DocumentsTestsOnPostgres(SharedApp shared) : DocumentsTests(shared);
