using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SupportAgent.Core.Retrieval;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Ingestion;

/// <summary>Re-upload, replace, delete: what the store and the index hold at each step.</summary>
public partial class DocumentLifecycleTests(SharedApp shared) : IClassFixture<SharedApp>, IAsyncLifetime
{
    private readonly SupportAgentApp app = shared.App;
    private readonly string acmeId = TenantIds.New("acme");
    private readonly string globexId = TenantIds.New("globex");
    private SupportAgentApp.TenantKeys keys = null!;

    public async Task InitializeAsync() => keys = await app.CreateTenantAsync(acmeId);
    public Task DisposeAsync() => Task.CompletedTask;

    private static string Policy(string word, int paragraphs = 12) => "# Warranty\n\n" + string.Join("\n\n",
        Enumerable.Range(1, paragraphs).Select(i => $"Clause {i}: the {word} warranty covers seams, zips and buttons for two full years after purchase, "
            + "provided the garment was washed as its care label says and was not altered by a tailor."));

    private Task<List<string>> ChunkIdsAsync(string documentId) =>
        app.InDatabaseAsync(db => db.Chunks.Where(c => c.TenantId == acmeId && c.DocumentId == documentId).OrderBy(c => c.Ordinal).Select(c => c.Id).ToListAsync());

    private Task<IReadOnlyList<SearchHit>> SearchAsync(string text) =>
        app.Services.GetRequiredService<IKnowledgeIndex>().SearchAsync(acmeId, new SearchQuery(text, 200), CancellationToken.None);

    [GeneratedRegex(@":v(\d+):")]
    private static partial Regex VersionInChunkId();

    [Fact]
    public async Task ReUploadingAnUnchangedFileChangesNothing()
    {
        await app.UploadAsync(acmeId, keys.Admin, ("warranty.md", Policy("alpha")));
        var before = await ChunkIdsAsync("warranty");

        var again = await app.UploadAsync(acmeId, keys.Admin, ("warranty.md", Policy("alpha")));

        var result = (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("documents")[0];
        Assert.True(result.GetProperty("unchanged").GetBoolean());
        Assert.Equal("indexed", result.GetProperty("status").GetString());
        Assert.Equal(before, await ChunkIdsAsync("warranty"));
        Assert.Equal(before.Order(), (await SearchAsync("warranty")).Select(h => h.Chunk.ChunkId).Order());
        Assert.Equal(1, await app.InDatabaseAsync(db => db.Documents.Where(d => d.TenantId == acmeId && d.Id == "warranty").Select(d => d.Version).SingleAsync()));
    }

    [Fact]
    public async Task AChangedFileReplacesTheOldVersionWithoutAMomentOfBothOrNeither()
    {
        await app.UploadAsync(acmeId, keys.Admin, ("warranty.md", Policy("alpha")));
        var seen = new List<(int Hits, int[] Versions)>();
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var hits = (await SearchAsync("warranty seams")).Where(h => h.Chunk.DocumentId == "warranty").ToList();
                seen.Add((hits.Count, [.. hits.Select(h => int.Parse(VersionInChunkId().Match(h.Chunk.ChunkId).Groups[1].Value)).Distinct()]));
            }
        });

        foreach (var (word, paragraphs) in new[] { ("bravo", 9), ("charlie", 14), ("delta", 6) })
            await app.UploadAsync(acmeId, keys.Admin, ("warranty.md", Policy(word, paragraphs)));
        await Task.Delay(50);
        await stop.CancelAsync();
        await reader;

        Assert.True(seen.Count > 10, $"only {seen.Count} queries ran during the replacements");
        Assert.All(seen, s => Assert.Single(s.Versions));
        Assert.All(seen, s => Assert.True(s.Hits > 0));
        Assert.Contains(seen, s => s.Versions[0] == 4);
        var final = await SearchAsync("warranty");
        Assert.All(final, h => Assert.Contains(":v4:", h.Chunk.ChunkId));
        Assert.All(final, h => Assert.Contains("delta", h.Chunk.Text));
        Assert.Equal((await ChunkIdsAsync("warranty")).Order(), final.Select(h => h.Chunk.ChunkId).Order());
    }

    [Fact]
    public async Task DeletingADocumentRemovesItsRowsAndEveryChunkFromTheIndex()
    {
        await app.UploadAsync(acmeId, keys.Admin, ("warranty.md", Policy("alpha")), ("returns.md", TestKnowledge.Returns));
        Assert.NotEmpty(await ChunkIdsAsync("warranty"));
        using var admin = app.ClientWithKey(keys.Admin);

        var response = await admin.DeleteAsync($"/api/tenants/{acmeId}/documents/warranty");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await ChunkIdsAsync("warranty"));
        Assert.DoesNotContain(await SearchAsync("warranty seams zips"), h => h.Chunk.DocumentId == "warranty");
        Assert.Equal(0, await app.InDatabaseAsync(db => db.DocumentContents.CountAsync(c => c.TenantId == acmeId && c.DocumentId == "warranty")));
        await (await admin.GetAsync($"/api/tenants/{acmeId}/documents/warranty")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.NotEmpty(await ChunkIdsAsync("returns"));
        await (await admin.DeleteAsync($"/api/tenants/{acmeId}/documents/warranty")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnotherTenantsAdminCannotDeleteADocument()
    {
        await app.UploadAsync(acmeId, keys.Admin, ("returns.md", TestKnowledge.Returns));
        var globex = await app.CreateTenantAsync(globexId);
        using var client = app.ClientWithKey(globex.Admin);

        await (await client.DeleteAsync($"/api/tenants/{acmeId}/documents/returns")).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.NotEmpty(await ChunkIdsAsync("returns"));
    }
}

[OnPostgres]
public sealed class DocumentLifecycleTestsOnPostgres(SharedApp shared) : DocumentLifecycleTests(shared);
