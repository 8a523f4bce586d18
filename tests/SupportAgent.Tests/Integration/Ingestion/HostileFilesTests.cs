using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Ingestion;

/// <summary>
/// Files crafted to crash or exhaust the server (issue 13 findings 1-3) are accepted at once (parsing is not done in
/// the request), then fail on their own with a clear error while the process lives on and the rest of the upload
/// ingests.
/// </summary>
public sealed class HostileFilesTests(SharedApp shared) : IClassFixture<SharedApp>, IAsyncLifetime
{
    private readonly SupportAgentApp app = shared.App;
    private readonly string acmeId = TenantIds.New("acme");
    private SupportAgentApp.TenantKeys keys = null!;

    public async Task InitializeAsync() => keys = await app.CreateTenantAsync(acmeId);
    public Task DisposeAsync() => Task.CompletedTask;

    private static readonly (string, byte[]) Good = ("returns-policy.md", Encoding.UTF8.GetBytes(TestKnowledge.Returns));

    /// <summary>Uploads the file beside a good one; returns the file's document after the worker finished with it.</summary>
    private async Task<JsonElement> UploadBesideAGoodFileAsync(string name, byte[] content)
    {
        var response = await app.UploadAsync(acmeId, keys.Admin, (name, content), Good);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var results = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("documents").EnumerateArray().ToList();
        // The upload only stored the bytes: the hostile file was not opened inside the request.
        Assert.Equal(["pending", "pending"], results.Select(r => r.GetProperty("status").GetString()));
        using var admin = app.ClientWithKey(keys.Admin);
        Assert.Equal("indexed", (await admin.GetFromJsonAsync<JsonElement>($"/api/tenants/{acmeId}/documents/returns-policy")).GetProperty("status").GetString());
        return await admin.GetFromJsonAsync<JsonElement>($"/api/tenants/{acmeId}/documents/{results[0].GetProperty("id").GetString()}");
    }

    private async Task<string> AssertFailedWithoutChunksAsync(JsonElement document)
    {
        Assert.Equal("failed", document.GetProperty("status").GetString());
        var id = document.GetProperty("id").GetString();
        Assert.Equal(0, await app.InDatabaseAsync(db => db.Chunks.CountAsync(c => c.TenantId == acmeId && c.DocumentId == id)));
        return document.GetProperty("error").GetString()!;
    }

    [Fact]
    public async Task HtmlNesting50000DivsFailsOnItsOwnAndTheServerLivesOn()
    {
        var error = await AssertFailedWithoutChunksAsync(await UploadBesideAGoodFileAsync("deep.html", HostileFiles.NestedHtml(50_000)));

        Assert.Contains("'deep.html' nests elements more than 256 levels deep", error);
        await AssertServerAnswersAsync();
    }

    [Fact]
    public async Task DocxNesting20000TablesFailsOnItsOwnAndTheServerLivesOn()
    {
        var error = await AssertFailedWithoutChunksAsync(await UploadBesideAGoodFileAsync("tables.docx", HostileFiles.NestedTablesDocx(20_000)));

        Assert.Contains("'tables.docx' nests elements more than 256 levels deep", error);
        await AssertServerAnswersAsync();
    }

    [Fact]
    public async Task ADocxDecompressionBombIsRefusedWithoutInflatingIt()
    {
        var bomb = HostileFiles.ZipBombDocx(megabytes: 200);
        Assert.True(bomb.Length < 1024 * 1024, $"the bomb is {bomb.Length:N0} bytes zipped");
        var before = GC.GetTotalMemory(forceFullCollection: true);

        var error = await AssertFailedWithoutChunksAsync(await UploadBesideAGoodFileAsync("bomb.docx", bomb));

        Assert.Contains("'bomb.docx' is a decompression bomb: its part 'word/document.xml' expands more than 200:1", error);
        Assert.InRange(GC.GetTotalMemory(forceFullCollection: true) - before, long.MinValue, 64L * 1024 * 1024);
        await AssertServerAnswersAsync();
    }

    [Fact]
    public async Task ADocxOverTheUncompressedLimitIsRefusedEvenAtAnOrdinaryRatio()
    {
        using var small = new SupportAgentApp().With("SupportAgent:Ingestion:Parsing:MaxUncompressedBytes", (4 * 1024 * 1024).ToString())
            .With("SupportAgent:Ingestion:Parsing:MaxCompressionRatio", "100000");
        var admin = await small.CreateTenantAsync(acmeId);

        await small.UploadAsync(acmeId, admin.Admin, ("big.docx", HostileFiles.ZipBombDocx(megabytes: 8)));

        var document = await small.InDatabaseAsync(db => db.Documents.SingleAsync(x => x.TenantId == acmeId));
        Assert.Equal("'big.docx' expands to more than 4 MB when unzipped; the limit protects the server from decompression bombs.", document.Error);
    }

    [Fact]
    public async Task DeeplyNestedMarkdownQuotesAndListsAreReadAsPlainLines()
    {
        var markdown = "# Deep\n\n" + new string('>', 20_000) + " quoted secret alpha\n\n"
            + string.Concat(Enumerable.Range(0, 500).Select(i => new string(' ', 2 * i) + "- level " + i + "\n"));

        var document = await UploadBesideAGoodFileAsync("deep.md", Encoding.UTF8.GetBytes(markdown));

        Assert.Equal("indexed", document.GetProperty("status").GetString());
        await AssertServerAnswersAsync();
    }

    [Fact]
    public async Task AFileThatIsOneLongWordIsHardSplitIntoChunksOfTheTargetSize()
    {
        var document = await UploadBesideAGoodFileAsync("blob.txt", Encoding.ASCII.GetBytes(new string('x', 500_000)));

        Assert.Equal("indexed", document.GetProperty("status").GetString());
        var chunks = await app.InDatabaseAsync(db => db.Chunks.Where(c => c.TenantId == acmeId && c.DocumentId == "blob").ToListAsync());
        Assert.True(chunks.Count > 100, $"{chunks.Count} chunks");
        Assert.All(chunks, c => Assert.Matches("^[x ]+$", c.Text));
        Assert.All(chunks, c => Assert.InRange(c.Tokens, 1, 2 * 300));
        Assert.True(chunks.Sum(c => c.Text.Count(ch => ch == 'x')) >= 500_000);
    }

    private async Task AssertServerAnswersAsync()
    {
        using var chat = new ChatClient(app, acmeId, keys.Widget);
        var conversation = await chat.StartAsync();
        var reply = await chat.PostAsync(conversation, "How long do I have to return an item?");
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
    }
}
