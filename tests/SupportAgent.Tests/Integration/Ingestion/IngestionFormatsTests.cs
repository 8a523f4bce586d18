using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SupportAgent.Core.Knowledge;
using SupportAgent.Core.Knowledge.Chunking;
using SupportAgent.Core.Tenants;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Ingestion;

/// <summary>One real file of each supported format, uploaded through the API and indexed by the background worker.</summary>
public sealed class IngestionFormatsTests(SharedApp shared) : IClassFixture<SharedApp>, IAsyncLifetime
{
    private const int Target = 80, Overlap = 16;
    private readonly SupportAgentApp app = shared.App;
    private readonly string acmeId = TenantIds.New("acme");
    private readonly TokenCounter tokens = new();
    private SupportAgentApp.TenantKeys keys = null!;

    public async Task InitializeAsync()
    {
        keys = await app.CreateTenantAsync(acmeId);
        await app.InDatabaseAsync(async db =>
        {
            var tenant = await db.Tenants.SingleAsync(t => t.Id == acmeId);
            tenant.Settings = new TenantSettings { ChunkTokens = Target, ChunkOverlapTokens = Overlap };
            return await db.SaveChangesAsync();
        });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<List<Chunk>> ChunksAsync(string documentId) =>
        app.InDatabaseAsync(db => db.Chunks.Where(c => c.TenantId == acmeId && c.DocumentId == documentId).OrderBy(c => c.Ordinal).ToListAsync());

    private void AssertTokenBounds(IEnumerable<Chunk> chunks) => Assert.All(chunks, c =>
    {
        Assert.Equal(tokens.Count(c.Text), c.Tokens);
        Assert.InRange(c.Tokens, 1, Target + Overlap);
    });

    private async Task<JsonElement> DocumentAsync(string id)
    {
        using var admin = app.ClientWithKey(keys.Admin);
        return await admin.GetFromJsonAsync<JsonElement>($"/api/tenants/{acmeId}/documents/{id}");
    }

    [Fact]
    public async Task MarkdownChunksCarryTheirHeadingPathAndStayWithinTheTokenBudget()
    {
        var canada = string.Join(" ", Enumerable.Range(1, 40).Select(i => $"Parcel rule {i} applies to Canadian addresses."));
        var markdown = $"# Shipping\n\n## Canada\n\n{canada}\n\n## United Kingdom\n\nUK orders arrive in 6 to 10 business days.";

        await app.UploadAsync(acmeId, keys.Admin, ("shipping.md", markdown));

        var chunks = await ChunksAsync("shipping");
        Assert.True(chunks.Count(c => c.Heading == "Shipping › Canada") >= 3);
        Assert.Equal("Shipping › United Kingdom", chunks[^1].Heading);
        Assert.Equal("UK orders arrive in 6 to 10 business days.", chunks[^1].Text);
        AssertTokenBounds(chunks);
        Assert.Contains("Parcel rule 40 applies", chunks.Last(c => c.Heading == "Shipping › Canada").Text);
        Assert.Equal(chunks.Count, (await DocumentAsync("shipping")).GetProperty("chunkCount").GetInt32());
    }

    [Fact]
    public async Task PlainTextIsOneUntitledSectionSplitOnSentences()
    {
        var text = string.Join(" ", Enumerable.Range(1, 30).Select(i => $"Sentence {i} describes the gift card policy in plain words."));

        await app.UploadAsync(acmeId, keys.Admin, ("gift-cards.txt", text));

        var chunks = await ChunksAsync("gift-cards");
        Assert.True(chunks.Count >= 3);
        Assert.All(chunks, c => Assert.Null(c.Heading));
        Assert.All(chunks, c => Assert.EndsWith("plain words.", c.Text));
        AssertTokenBounds(chunks);
    }

    [Fact]
    public async Task HtmlKeepsItsHeadingsAndDropsScriptsStylesAndNavigation()
    {
        const string html = """
            <html><head><title>Billing help</title><style>p { color: red }</style></head>
            <body><nav>Home | Shop | Cart</nav>
            <h1>Billing</h1><h2>Cards</h2><p>We accept Visa and Mastercard.</p>
            <script>trackVisitor();</script>
            <h2>Invoices</h2><p>Invoices are emailed when the order ships.</p>
            <footer>© Example shop</footer></body></html>
            """;

        await app.UploadAsync(acmeId, keys.Admin, ("billing.html", html));

        var chunks = await ChunksAsync("billing");
        Assert.Equal(["Billing › Cards", "Billing › Invoices"], chunks.Select(c => c.Heading));
        Assert.Equal(["We accept Visa and Mastercard.", "Invoices are emailed when the order ships."], chunks.Select(c => c.Text));
        Assert.Equal("Billing help", (await DocumentAsync("billing")).GetProperty("title").GetString());
        AssertTokenBounds(chunks);
    }

    [Fact]
    public async Task PdfChunksPointAtTheirPage()
    {
        var pdf = TestFiles.Pdf("Product care",
            ["Wash wool jackets by hand in cold water."],
            ["The warranty covers stitching for two years."]);

        await app.UploadAsync(acmeId, keys.Admin, ("product-care.pdf", pdf));

        var chunks = await ChunksAsync("product-care");
        Assert.Equal(["Page 1", "Page 2"], chunks.Select(c => c.Heading));
        Assert.Equal("Wash wool jackets by hand in cold water.", chunks[0].Text);
        Assert.Equal("The warranty covers stitching for two years.", chunks[1].Text);
        Assert.Equal("Product care", (await DocumentAsync("product-care")).GetProperty("title").GetString());
        AssertTokenBounds(chunks);
    }

    [Fact]
    public async Task DocxHeadingStylesBecomeTheHeadingPath()
    {
        var docx = TestFiles.Docx(
            ("Title", "Loyalty programme"),
            ("Heading1", "Points"),
            (null, "You earn one point per dollar spent."),
            ("Heading2", "Expiry"),
            (null, "Points expire after twelve months without a purchase."),
            ("Heading1", "Tiers"),
            (null, "Gold members get free express shipping."));

        await app.UploadAsync(acmeId, keys.Admin, ("loyalty.docx", docx));

        var chunks = await ChunksAsync("loyalty");
        Assert.Equal(["Points", "Points › Expiry", "Tiers"], chunks.Select(c => c.Heading));
        Assert.Equal("Points expire after twelve months without a purchase.", chunks[1].Text);
        Assert.Equal("Loyalty programme", (await DocumentAsync("loyalty")).GetProperty("title").GetString());
        AssertTokenBounds(chunks);
    }

    [Fact]
    public async Task EachJsonlLineBecomesADocumentWithItsOwnIdTitleAndUrl()
    {
        const string jsonl = """
            {"id": "faq-101", "title": "Can I change my address?", "text": "Yes, until the order ships.", "url": "https://help.example.com/101"}
            {"id": "faq-102", "title": "Do you ship to Iceland?", "text": "Not yet; we ship to the EU, the UK and Canada."}
            """;

        var upload = await app.UploadAsync(acmeId, keys.Admin, ("help-centre.jsonl", jsonl));

        var results = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("documents").EnumerateArray().ToList();
        Assert.Equal(["faq-101", "faq-102"], results.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal([1, 2], results.Select(r => r.GetProperty("line").GetInt32()));
        var first = await DocumentAsync("faq-101");
        Assert.Equal("indexed", first.GetProperty("status").GetString());
        Assert.Equal("Can I change my address?", first.GetProperty("title").GetString());
        Assert.Equal("https://help.example.com/101", first.GetProperty("url").GetString());
        var chunk = Assert.Single(await ChunksAsync("faq-102"));
        Assert.Equal("Not yet; we ship to the EU, the UK and Canada.", chunk.Text);
        AssertTokenBounds([chunk]);
    }
}
