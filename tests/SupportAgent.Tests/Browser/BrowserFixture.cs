using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using SupportAgent.Tests.Fakes;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Browser;

/// <summary>
/// The real server on a loopback port (<see cref="InProcessReplica"/>, not the in-memory test server: a browser needs a
/// socket) for the browser tests of a collection, and Chromium (<see cref="SharedChromium"/>). Each test makes its own
/// tenant and browser contexts.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    // The console's adapter page registers a fake adapter server on this machine, which the outbound guard refuses by default.
    public SupportAgentApp App { get; } = new SupportAgentApp().With("SupportAgent:Adapters:AllowLoopback", "true");
    public Uri Server { get; private set; } = null!;
    private InProcessReplica? server;
    private IBrowser? browser;

    private ShopSite? shop;

    /// <summary>A vLLM-like server on loopback, which the operator has listed as an allowed adapter endpoint.</summary>
    public FakeOpenAiServer Vllm { get; private set; } = null!;

    /// <summary>The tenants' storefront: another origin than the server, like a real customer site.</summary>
    public string ShopOrigin => shop!.Origin;

    public async Task InitializeAsync()
    {
        Vllm = await FakeOpenAiServer.StartAsync();
        App.With("SupportAgent:Adapters:AllowedEndpoints:0", Vllm.Endpoint.GetLeftPart(UriPartial.Authority));
        server = InProcessReplica.Start(App);
        Server = server.BaseAddress;
        shop = await ShopSite.StartAsync(Server);
        // Conditions, not sleeps: every expectation waits up to 15 s, which a loaded two-core machine needs.
        Assertions.SetDefaultExpectTimeout(15_000);
        browser = await SharedChromium.AcquireAsync();
    }

    public async Task DisposeAsync()
    {
        if (browser is not null) await SharedChromium.ReleaseAsync();
        if (shop is not null) await shop.DisposeAsync();
        if (Vllm is not null) await Vllm.DisposeAsync();
        // The replica owns the app from its start on; an app that never started is disposed here.
        if (server is not null) await server.DisposeAsync();
        else App.Dispose();
    }

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800, string? timeZone = null)
    {
        var context = await browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, TimezoneId = timeZone });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public HttpClient Http(string? key = null)
    {
        var client = new HttpClient { BaseAddress = Server };
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>A tenant whose allowed origin is the test storefront, with the small test knowledge base.</summary>
    public async Task<SupportAgentApp.TenantKeys> CreateTenantAsync(string id)
    {
        using var op = Http(SupportAgentApp.OperatorKey);
        var created = await op.PostAsJsonAsync("/api/tenants", new { id, name = $"Shop {id}", allowedOrigins = new[] { ShopOrigin } });
        created.EnsureSuccessStatusCode();
        var keys = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("keys").Deserialize<SupportAgentApp.TenantKeys>(
            new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        using var admin = Http(keys.Admin);
        using var form = new MultipartFormDataContent();
        foreach (var (name, content) in TestKnowledge.Files) form.Add(new StringContent(content), "file", name);
        (await admin.PostAsync($"/api/tenants/{id}/documents", form)).EnsureSuccessStatusCode();
        await WaitForIndexedAsync(admin, id);
        return keys;
    }

    /// <summary>Opens the storefront page that embeds the widget with one script tag, exactly as a tenant would.</summary>
    public async Task<IPage> OpenShopAsync(string tenant, string widgetKey, int width = 1280, int height = 800, Func<IPage, Task>? beforeLoad = null)
    {
        var page = await NewPageAsync(width, height);
        if (beforeLoad is not null) await beforeLoad(page);
        await page.GotoAsync($"{ShopOrigin}/shop?tenant={Uri.EscapeDataString(tenant)}&key={Uri.EscapeDataString(widgetKey)}");
        return page;
    }

    /// <summary>Uploads are processed in the background on some builds; wait until every document is indexed.</summary>
    private static async Task WaitForIndexedAsync(HttpClient admin, string tenant)
    {
        for (var i = 0; i < 100; i++)
        {
            var list = await admin.GetFromJsonAsync<JsonElement>($"/api/tenants/{tenant}/documents");
            if (list.GetProperty("documents").EnumerateArray().All(d => d.GetProperty("status").GetString() == "indexed")) return;
            await Task.Delay(100);
        }
        throw new TimeoutException("The test knowledge was not indexed in time.");
    }
}
