using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Security;

/// <summary>
/// Uploads are bounded before they cost anything (issue 13 findings 10 and 12): too many files, too many triage
/// categories, a CSV past its size are clear 413/400 ProblemDetails, and nothing is stored; a <c>javascript:</c>
/// link in a .jsonl record never becomes a citation link.
/// </summary>
public sealed class UploadCapsTests(SharedApp shared) : IClassFixture<SharedApp>, IAsyncLifetime
{
    private readonly SupportAgentApp app = shared.App;
    private readonly string acmeId = TenantIds.New("acme");
    private SupportAgentApp.TenantKeys keys = null!;

    public async Task InitializeAsync() => keys = await app.CreateTenantAsync(acmeId);
    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(101)]
    [InlineData(10_000)]
    public async Task AnUploadOfTooManyFilesIsA413AndStoresNothing(int count)
    {
        var files = Enumerable.Range(0, count).Select(i => ($"note-{i}.txt", Encoding.UTF8.GetBytes($"Note {i}."))).ToArray();

        var response = await app.PostFilesAsync(acmeId, keys.Admin, files);

        var detail = await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("the limit is 100 files per upload", detail);
        Assert.Equal(0, await app.InDatabaseAsync(db => db.Documents.CountAsync(x => x.TenantId == acmeId)));
    }

    [Fact]
    public async Task TriageExamplesWith3000CategoriesAreRefusedBeforeTraining()
    {
        var csv = new StringBuilder("text,category\n");
        for (var c = 0; c < 3_000; c++)
            for (var e = 0; e < 3; e++) csv.Append($"customer question number {e} about topic {c} with some words,category-{c}\n");
        using var admin = app.ClientWithKey(keys.Admin);

        var response = await admin.PostAsync($"/api/tenants/{acmeId}/triage/examples", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));

        Assert.Equal("The CSV has 3,000 categories; the limit is 200.", await response.AssertProblemAsync(HttpStatusCode.BadRequest));
        Assert.Equal(0, await app.InDatabaseAsync(db => db.TriageExamples.CountAsync(x => x.TenantId == acmeId)));
    }

    [Fact]
    public async Task ATriageCsvPastTheSizeLimitIsA413EvenWithoutAContentLength()
    {
        using var admin = app.ClientWithKey(keys.Admin);
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("text,category\n" + new string('a', 11 * 1024 * 1024))));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Headers.ContentLength = null;
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tenants/{acmeId}/triage/examples") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await admin.SendAsync(request);

        Assert.Equal("The CSV is larger than 10 MB.", await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge));
    }

    [Fact]
    public async Task AJavascriptLinkInAJsonlRecordIsAPerLineErrorAndNeverACitation()
    {
        const string jsonl = """
            {"id": "gift-wrap", "title": "Gift wrap", "text": "Gift wrap costs five dollars per item.", "url": "javascript:alert(document.cookie)"}
            {"id": "samples", "title": "Samples", "text": "We do not send fabric samples.", "url": "https://shop.example.com/help/samples"}
            {"id": "data", "title": "Data", "text": "Data links are refused too.", "url": "data:text/html,<script>alert(1)</script>"}
            """;

        var response = await app.UploadAsync(acmeId, keys.Admin, ("help.jsonl", Encoding.UTF8.GetBytes(jsonl)));

        var results = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("documents").EnumerateArray().ToList();
        Assert.Equal(["failed", "pending", "failed"], results.Select(r => r.GetProperty("status").GetString()));
        Assert.Equal("line 1: 'url' must be an absolute http or https address; citations link to it.", results[0].GetProperty("error").GetString());
        Assert.Equal(["samples"], await app.InDatabaseAsync(db => db.Documents.Where(x => x.TenantId == acmeId).Select(d => d.Id).ToListAsync()));
    }

    [Theory]
    [InlineData("javascript:alert(1)", null)]
    [InlineData("JAVASCRIPT:alert(1)", null)]
    [InlineData("data:text/html,x", null)]
    [InlineData("//evil.example/x", null)]
    [InlineData("https://shop.example.com/help", "https://shop.example.com/help")]
    public void ACitationOnlyEverCarriesAWebLink(string url, string? shown) =>
        Assert.Equal(shown, new SupportAgent.Core.Conversations.Citation("d", "T", "c", "s", url).Url);
}
