using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SupportAgent.Core.Knowledge.Ingestion;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Ingestion;

/// <summary>
/// Document ids come from file names in any script, and two different files never silently become one document
/// (issue 13 finding 6): a collision is a per-file error, re-uploading the same file still replaces it.
/// </summary>
public class DocumentIdTests(SharedApp shared) : IClassFixture<SharedApp>, IAsyncLifetime
{
    private readonly SupportAgentApp app = shared.App;
    private readonly string acmeId = TenantIds.New("acme");
    private SupportAgentApp.TenantKeys keys = null!;

    public async Task InitializeAsync() => keys = await app.CreateTenantAsync(acmeId);
    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<List<JsonElement>> ResultsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("documents").EnumerateArray()];
    }

    private Task<List<string>> StoredIdsAsync() => app.InDatabaseAsync(db => db.Documents.Where(x => x.TenantId == acmeId).OrderBy(d => d.Id).Select(d => d.Id).ToListAsync());

    [Theory]
    [InlineData("返品ポリシー.md", "返品ポリシー")]
    [InlineData("配送.md", "配送")]
    [InlineData("Retours et échanges.md", "retours-et-échanges")]
    [InlineData("  Returns -- Policy (2024).md", "returns-policy-2024")]
    public void FileNamesInAnyScriptKeepTheirLettersAndDigits(string fileName, string id) =>
        Assert.Equal(id, DocumentIds.FromFileName(fileName));

    [Fact]
    public void NamesWithoutLettersOrDigitsStillGetDistinctIds() =>
        Assert.NotEqual(DocumentIds.FromFileName("!!!.md"), DocumentIds.FromFileName("???.md"));

    [Fact]
    public async Task JapaneseFileNamesBecomeTwoDocumentsNotOne()
    {
        var results = await ResultsAsync(await app.UploadAsync(acmeId, keys.Admin,
            ("返品ポリシー.md", "# 返品ポリシー\n\n商品到着後30日以内に返品できます。"), ("配送.md", "# 配送\n\n通常3営業日でお届けします。")));

        Assert.Equal(["返品ポリシー", "配送"], results.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal(["返品ポリシー", "配送"], (await StoredIdsAsync()).Order(StringComparer.Ordinal));
        using var admin = app.ClientWithKey(keys.Admin);
        var document = await admin.GetFromJsonAsync<JsonElement>($"/api/tenants/{acmeId}/documents/{Uri.EscapeDataString("配送")}");
        Assert.Equal("indexed", document.GetProperty("status").GetString());
    }

    [Fact]
    public async Task TwoFilesOfOneUploadThatWouldShareAnIdAreAPerFileError()
    {
        var results = await ResultsAsync(await app.UploadAsync(acmeId, keys.Admin, ("faq.md", "# FAQ\n\nMarkdown answers."), ("faq.html", "<h1>FAQ</h1><p>HTML answers.</p>")));

        Assert.Equal(["pending", "failed"], results.Select(r => r.GetProperty("status").GetString()));
        Assert.Equal("'faq.html' would become document 'faq', which 'faq.md' earlier in the same upload already is; rename one of them.", results[1].GetProperty("error").GetString());
        var content = await app.InDatabaseAsync(db => db.DocumentContents.SingleAsync(x => x.TenantId == acmeId));
        Assert.Equal("faq.md", content.FileName);
    }

    [Fact]
    public async Task AFileThatWouldTakeAnotherFilesIdIsRefusedAndTheFirstStays()
    {
        await app.UploadAsync(acmeId, keys.Admin, ("faq.md", "# FAQ\n\nMarkdown answers about gift wrap."));

        var results = await ResultsAsync(await app.UploadAsync(acmeId, keys.Admin, ("faq.html", "<h1>FAQ</h1><p>HTML answers.</p>")));

        Assert.Equal("failed", results[0].GetProperty("status").GetString());
        Assert.Equal("'faq.html' would become document 'faq', which already holds 'faq.md'; rename the file, or delete 'faq' first.", results[0].GetProperty("error").GetString());
        var chunk = await app.InDatabaseAsync(db => db.Chunks.SingleAsync(x => x.TenantId == acmeId));
        Assert.Contains("gift wrap", chunk.Text);
        Assert.Equal("faq.md", (await app.InDatabaseAsync(db => db.Documents.SingleAsync(x => x.TenantId == acmeId))).Source);
    }

    [Fact]
    public async Task ReUploadingTheSameFileReplacesItAndIdenticalBytesAreUnchanged()
    {
        await app.UploadAsync(acmeId, keys.Admin, ("faq.md", "# FAQ\n\nOld answer."));

        var changed = await ResultsAsync(await app.UploadAsync(acmeId, keys.Admin, ("FAQ.md", "# FAQ\n\nNew answer.")));
        var same = await ResultsAsync(await app.UploadAsync(acmeId, keys.Admin, ("FAQ.md", "# FAQ\n\nNew answer.")));

        Assert.Equal("pending", changed[0].GetProperty("status").GetString());
        Assert.True(same[0].GetProperty("unchanged").GetBoolean());
        Assert.Equal("New answer.", (await app.InDatabaseAsync(db => db.Chunks.SingleAsync(x => x.TenantId == acmeId))).Text);
    }

    [Fact]
    public async Task ParallelFirstUploadsOfOneDocumentAllSucceedAndStoreItOnce()
    {
        var file = ("returns-policy.md", Encoding.UTF8.GetBytes(TestKnowledge.Returns));

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => app.PostFilesAsync(acmeId, keys.Admin, file)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        foreach (var response in responses) await app.WaitForIndexingAsync(acmeId, keys.Admin, response);
        Assert.Equal(["returns-policy"], await StoredIdsAsync());
        Assert.Equal(1, await app.InDatabaseAsync(db => db.DocumentContents.CountAsync(x => x.TenantId == acmeId)));
    }
}

[OnPostgres]
public sealed class DocumentIdTestsOnPostgres(SharedApp shared) : DocumentIdTests(shared);
