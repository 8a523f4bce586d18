using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SupportAgent.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ConsoleAccessibilityTests(BrowserFixture fixture)
{
    [BrowserFact]
    public Task EveryConsolePageIsAccessibleOnADesktop() => EveryPageIsAccessibleAsync("a11ydesk", 1280, 860);

    [BrowserFact]
    public Task EveryConsolePageIsAccessibleAndFitsAPhone() => EveryPageIsAccessibleAsync("a11yphone", 390, 844);

    private async Task EveryPageIsAccessibleAsync(string tenant, int width, int height)
    {
        var keys = await fixture.CreateTenantAsync(tenant);
        await CustomerAsksForAPersonAsync(fixture, tenant, keys.Widget);
        var console = await fixture.NewPageAsync(width, height);
        await console.GotoAsync($"{fixture.Server}console");
        await Expect(console.GetByLabel("Staff or admin key")).ToBeFocusedAsync();
        await Expect(console.GetByRole(AriaRole.Navigation)).ToBeHiddenAsync();
        await console.AssertAccessibleAsync($"sign-in at {width} px");

        await console.GetByLabel("Staff or admin key").FillAsync(keys.Admin);
        await console.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        var queue = console.GetByRole(AriaRole.Heading, new() { Name = "Escalation queue", Level = 1 });
        await Expect(queue).ToBeFocusedAsync();
        await Expect(console).ToHaveTitleAsync("Escalation queue — SupportAgent console");
        await Expect(console.Locator("tr[data-escalation-id]")).ToHaveCountAsync(1);
        await console.AssertAccessibleAsync($"queue at {width} px");

        await console.Locator("tr[data-escalation-id] a").ClickAsync();
        await Expect(console.GetByRole(AriaRole.Button, new() { Name = "Send reply" })).ToBeVisibleAsync();
        await Expect(console.Locator("h1")).ToBeFocusedAsync();
        await console.AssertAccessibleAsync($"escalation at {width} px");

        foreach (var (hash, title) in new[] { ("approved", "Approved answers"), ("documents", "Documents"), ("adapter", "LoRA adapter"), ("analytics", "Analytics") })
        {
            await OpenFromNavigationAsync(console, hash);
            var heading = console.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 });
            await Expect(heading).ToBeFocusedAsync();
            await Expect(console).ToHaveTitleAsync($"{title} — SupportAgent console");
            if (hash == "analytics") await Expect(console.Locator("#tiles")).ToContainTextAsync("Conversations");
            if (hash == "documents") await Expect(console.Locator("#document-list tbody tr")).ToHaveCountAsync(3);
            await console.AssertAccessibleAsync($"{hash} at {width} px");
        }
    }

    /// <summary>On a phone the navigation folds behind "Menu"; on a desktop it is always there.</summary>
    internal static async Task OpenFromNavigationAsync(IPage console, string hash)
    {
        var menu = console.GetByRole(AriaRole.Button, new() { Name = "Menu" });
        if (await menu.IsVisibleAsync()) await menu.ClickAsync();
        await console.Locator($"nav a[href='#/{hash}']").ClickAsync();
    }

    internal static async Task CustomerAsksForAPersonAsync(BrowserFixture fixture, string tenant, string widgetKey)
    {
        using var widget = fixture.Http(widgetKey);
        var started = await (await widget.PostAsync($"/api/tenants/{tenant}/conversations", null)).Content.ReadFromJsonAsync<JsonElement>();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tenants/{tenant}/conversations/{started.GetProperty("conversationId").GetString()}/messages")
        {
            Content = JsonContent.Create(new { text = "I want to talk to a person about my order" }),
        };
        if (started.TryGetProperty("conversationToken", out var token)) request.Headers.Add("X-Conversation-Token", token.GetString());
        (await widget.SendAsync(request)).EnsureSuccessStatusCode();
    }
}
