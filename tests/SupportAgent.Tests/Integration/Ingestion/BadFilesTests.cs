using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SupportAgent.Core.Retrieval;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Ingestion;

/// <summary>
/// Each kind of bad file gets a clear per-file error (in the upload response when the check needs no parsing, on the
/// document once the worker has tried to parse it), the good files of the same upload still ingest, and nothing of
/// the bad file reaches the chunks or the index. One server with a small size limit for the class, a tenant per test.
/// </summary>
public sealed class BadFilesTests(BadFilesTests.SmallFilesApp shared) : IClassFixture<BadFilesTests.SmallFilesApp>, IAsyncLifetime
{
    private const int SizeLimit = 4096;
    private readonly SupportAgentApp app = shared.App;
    private readonly string tenant = TenantIds.New("acme");
    private SupportAgentApp.TenantKeys keys = null!;

    public async Task InitializeAsync() => keys = await app.CreateTenantAsync(tenant);
    public Task DisposeAsync() => Task.CompletedTask;

    public sealed class SmallFilesApp() : SharedApp(app => app.With("SupportAgent:Ingestion:MaxFileBytes", SizeLimit.ToString()));

    private static readonly (string, byte[]) Good = ("returns-policy.md", Encoding.UTF8.GetBytes(TestKnowledge.Returns));

    /// <summary>Uploads the bad file beside a good one; returns the bad file's error after checking the good one indexed.</summary>
    private async Task<string> UploadBesideAGoodFileAsync(string name, byte[] content)
    {
        var response = await app.UploadAsync(tenant, keys.Admin, (name, content), Good);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var results = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("documents").EnumerateArray().ToList();
        Assert.Equal(2, results.Count);
        Assert.Equal(name, results[0].GetProperty("file").GetString());
        var error = results[0].GetProperty("status").GetString() == "failed" ? results[0].GetProperty("error").GetString()! : await ParseErrorAsync(results[0]);
        await AssertOnlyTheGoodFileIsIndexedAsync();
        return error;
    }

    /// <summary>A file that needed parsing to be found bad: accepted, then failed by the worker with the reason.</summary>
    private async Task<string> ParseErrorAsync(JsonElement result)
    {
        Assert.Equal("pending", result.GetProperty("status").GetString());
        using var admin = app.ClientWithKey(keys.Admin);
        var document = await admin.GetFromJsonAsync<JsonElement>($"/api/tenants/{tenant}/documents/{result.GetProperty("id").GetString()}");
        Assert.Equal("failed", document.GetProperty("status").GetString());
        return document.GetProperty("error").GetString()!;
    }

    private async Task AssertOnlyTheGoodFileIsIndexedAsync()
    {
        Assert.Equal(["returns-policy"], await app.InDatabaseAsync(db => db.Documents.Where(d => d.TenantId == tenant && d.Status != SupportAgent.Core.Knowledge.DocumentStatus.Failed).Select(d => d.Id).ToListAsync()));
        Assert.Equal(["returns-policy"], await app.InDatabaseAsync(db => db.Chunks.Where(c => c.TenantId == tenant).Select(c => c.DocumentId).Distinct().ToListAsync()));
        var hits = await app.Services.GetRequiredService<IKnowledgeIndex>().SearchAsync(tenant, new SearchQuery("return refund secret alpha beta", 50), CancellationToken.None);
        Assert.All(hits, h => Assert.Equal("returns-policy", h.Chunk.DocumentId));
    }

    [Fact]
    public async Task AnUnsupportedTypeIsReported()
    {
        var error = await UploadBesideAGoodFileAsync("prices.xlsx", [1, 2, 3]);

        Assert.Contains("unsupported type", error);
        Assert.Contains(".docx", error);
    }

    [Fact]
    public async Task AnEmptyFileIsReported()
    {
        Assert.Equal("'empty.md' is empty.", await UploadBesideAGoodFileAsync("empty.md", []));
    }

    [Fact]
    public async Task AFileOverTheSizeLimitIsReportedWithTheLimit()
    {
        var error = await UploadBesideAGoodFileAsync("huge.md", Encoding.UTF8.GetBytes("# Huge\n\n" + new string('a', SizeLimit)));

        Assert.Contains("4,104 bytes", error);
        Assert.Contains("limit is 4,096 bytes", error);
    }

    [Fact]
    public async Task ACorruptPdfIsReported()
    {
        var error = await UploadBesideAGoodFileAsync("broken.pdf", Encoding.UTF8.GetBytes("%PDF-1.7\nthis is not really a pdf secret alpha\n%%EOF"));

        Assert.Contains("'broken.pdf' is not a readable PDF", error);
    }

    [Fact]
    public async Task AnEncryptedPdfIsReported()
    {
        var error = await UploadBesideAGoodFileAsync("locked.pdf", EncryptedPdf());

        Assert.Contains("'locked.pdf' is encrypted", error);
    }

    [Fact]
    public async Task ACorruptDocxIsReported()
    {
        var error = await UploadBesideAGoodFileAsync("broken.docx", Encoding.UTF8.GetBytes("PK this is not a zip secret alpha"));

        Assert.Contains("'broken.docx' is not a readable .docx file", error);
    }

    [Fact]
    public async Task BadJsonlLinesAreReportedByLineAndTheGoodLinesStillIngest()
    {
        const string jsonl = """
            {"id": "faq-1", "title": "Gift wrap", "text": "Gift wrap costs five dollars per item."}
            {"id": "faq-2", "title": "Broken", "text": "secret alpha
            {"id": "faq-3", "title": "No text here"}
            {"id": "faq-4", "title": "Samples", "text": "We do not send fabric samples."}
            """;

        var response = await app.UploadAsync(tenant, keys.Admin, ("faq.jsonl", Encoding.UTF8.GetBytes(jsonl)));

        var results = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("documents").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3, 4], results.Select(r => r.GetProperty("line").GetInt32()));
        Assert.Equal(["pending", "failed", "failed", "pending"], results.Select(r => r.GetProperty("status").GetString()));
        Assert.StartsWith("line 2: not valid JSON", results[1].GetProperty("error").GetString());
        Assert.Equal("line 3: 'text' is missing or empty.", results[2].GetProperty("error").GetString());
        Assert.Equal(["faq-1", "faq-4"], await app.InDatabaseAsync(db => db.Documents.Where(d => d.TenantId == tenant).OrderBy(d => d.Id).Select(d => d.Id).ToListAsync()));
        Assert.Equal(["faq-1", "faq-4"], await app.InDatabaseAsync(db => db.Chunks.Where(c => c.TenantId == tenant).OrderBy(c => c.DocumentId).Select(c => c.DocumentId).ToListAsync()));
    }

    [Fact]
    public async Task AChangedFileThatIsNowCorruptKeepsThePreviousVersionAnswering()
    {
        await app.UploadAsync(tenant, keys.Admin, ("care.pdf", TestFiles.Pdf("Care", ["Wash wool by hand."])));

        var response = await app.UploadAsync(tenant, keys.Admin, ("care.pdf", Encoding.UTF8.GetBytes("%PDF-1.7 garbage")));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var chunk = Assert.Single(await app.InDatabaseAsync(db => db.Chunks.Where(c => c.TenantId == tenant && c.DocumentId == "care").ToListAsync()));
        Assert.Equal("Wash wool by hand.", chunk.Text);
        using var admin = app.ClientWithKey(keys.Admin);
        var care = await admin.GetFromJsonAsync<JsonElement>($"/api/tenants/{tenant}/documents/care");
        Assert.Equal("failed", care.GetProperty("status").GetString());
        Assert.EndsWith("The previous version keeps answering.", care.GetProperty("error").GetString());
        Assert.Equal(1, care.GetProperty("chunkCount").GetInt32());
    }

    /// <summary>A real PDF with a standard security handler whose user password is not empty: readers must ask for it.</summary>
    private static byte[] EncryptedPdf()
    {
        var pdf = Encoding.Latin1.GetString(TestFiles.Pdf("Locked", ["secret alpha"]));
        var trailer = pdf.LastIndexOf("trailer", StringComparison.Ordinal);
        var open = pdf.IndexOf("<<", trailer, StringComparison.Ordinal) + 2;
        var hex = string.Concat(Enumerable.Repeat("5A", 32));
        var encrypt = $" /Encrypt << /Filter /Standard /V 1 /R 2 /O <{hex}> /U <{hex}> /P -4 >> /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>] ";
        return Encoding.Latin1.GetBytes(pdf.Insert(open, encrypt));
    }
}
