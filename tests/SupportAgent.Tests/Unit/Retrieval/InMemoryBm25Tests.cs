using System.Text.Json;
using Microsoft.Data.Sqlite;
using SupportAgent.Core.Retrieval;
using SupportAgent.Core.Retrieval.Embedded;

namespace SupportAgent.Tests.Unit.Retrieval;

/// <summary>
/// The embedded index's in-memory BM25 against the tenant's own FTS5 table over the same rows: the same rows, in the
/// same order, with the same scores, for the demo knowledge and the demo evaluation's questions.
/// </summary>
public sealed class InMemoryBm25Tests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "supportagent-tests", Guid.NewGuid().ToString("N"));
    private readonly EmbeddedHybridIndex index;

    public InMemoryBm25Tests() => index = new EmbeddedHybridIndex(Path.Combine(directory, "index.db"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task InMemoryBm25RanksTheDemoKnowledgeAsFts5Does()
    {
        await SeedDemoAsync("demo");
        // Another tenant with overlapping words: its rows must change neither side's statistics.
        await index.ReplaceDocumentAsync("other", "noise", [Chunk("n1", "noise", "Shipping shipping returns", "Refund refund refunds password reset")], default);

        foreach (var question in Questions())
        {
            await AssertSameAsync("demo", FtsQuery.Any(question));
            await AssertSameAsync("demo", FtsQuery.Any(question, ["Loyalty Program"]));
            await AssertSameAsync("demo", FtsQuery.InSubject(question, ["Returns Policy"]));
        }
    }

    [Fact]
    public async Task DocumentsWrittenAfterTheFirstSearchRankAsFts5DoesBeforeAndAfterTheBackgroundRebuild()
    {
        await SeedDemoAsync("demo");
        var question = FtsQuery.Any("how long do refunds to my card take?")!;
        await AssertSameAsync("demo", question); // loads the lexicon

        await index.ReplaceDocumentAsync("demo", "refunds-and-store-credit",
            [Chunk("r1", "refunds-and-store-credit", "Refunds", "Refunds reach your card in 3 to 5 business days. Refunds to gift cards are instant.")], default);
        await index.ReplaceDocumentAsync("demo", "new-card-refunds", [Chunk("c1", "new-card-refunds", "Card refunds", "Card refunds take a few days; café résumé naïve")], default);
        await index.DeleteDocumentAsync("demo", "shipping-domestic", default);

        await AssertSameAsync("demo", question);
        await AssertSameAsync("demo", FtsQuery.Any("cafe resume shipping")!);
        await AssertSameAsync("demo", question); // before or after the background rebuild lands: the same answer
    }

    [Fact]
    public async Task PunctuationDiacriticsAndCaseTokenizeAsFts5Does()
    {
        await index.ReplaceDocumentAsync("t", "d", [
            Chunk("a", "d", "Café RÉSUMÉ", "e-mail, E‑MAIL; (naïve) coöperate’s don't I'm 1,000.50 x_y x—y ÜBER straße"),
            Chunk("b", "d", "Emails", "email emails mail résumés naive"),
        ], default);

        foreach (var words in new[] { "cafe", "résumé", "e mail", "naive", "coöperate", "don t", "1 000 50", "x y", "uber", "strasse", "straße", "emails" })
            await AssertSameAsync("t", FtsQuery.Any(words));
    }

    private async Task AssertSameAsync(string tenant, FtsQuery? query)
    {
        if (query is null) return;
        var expected = await index.LexicalAsync(tenant, query, 50, viaFts: true, default);
        var actual = await index.LexicalAsync(tenant, query, 50, viaFts: false, default);
        Assert.True(expected.Count == actual.Count, $"{query.ToFts()}: FTS5 found {expected.Count} rows, in memory {actual.Count}");
        for (var i = 0; i < expected.Count; i++)
            Assert.True(Math.Abs(expected[i].Score - actual[i].Score) <= 1e-9 * Math.Abs(expected[i].Score),
                $"{query.ToFts()}: rank {i}: FTS5 {expected[i].Score} vs {actual[i].Score}");
        // Rows with equal scores may come in either order; every row scoring above the last place is the same set.
        if (expected.Count == 0) return;
        var cut = expected[^1].Score;
        Assert.Equal(expected.Where(r => r.Score > cut + 1e-9).Select(r => r.RowId).Order(), actual.Where(r => r.Score > cut + 1e-9).Select(r => r.RowId).Order());
    }

    private async Task SeedDemoAsync(string tenant)
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "knowledge", "demo"), "*.md"))
        {
            var id = Path.GetFileNameWithoutExtension(file);
            var sections = File.ReadAllText(file).Split("\n## ");
            await index.ReplaceDocumentAsync(tenant, id,
                [.. sections.Select((text, i) => new IndexEntry(new IndexedChunk($"{id}-{i}", id, id.Replace('-', ' '), i == 0 ? null : text.Split('\n')[0], text, null)))], default);
        }
    }

    private static IEnumerable<string> Questions() =>
        File.ReadLines(Path.Combine(Root, "knowledge", "evaluation", "demo.jsonl"))
            .Where(l => l.Trim().Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("question").GetString()!);

    private static string Root
    {
        get
        {
            var root = AppContext.BaseDirectory;
            while (!File.Exists(Path.Combine(root, "SupportAgent.sln"))) root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Repository root not found.");
            return root;
        }
    }

    private static IndexEntry Chunk(string chunkId, string documentId, string title, string text) => new(new IndexedChunk(chunkId, documentId, title, null, text, null));
}
