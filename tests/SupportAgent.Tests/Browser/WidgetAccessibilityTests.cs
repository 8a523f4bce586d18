using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SupportAgent.Tests.Browser;

[Collection(WidgetBrowserCollection.Name)]
public sealed class WidgetAccessibilityTests(WidgetBrowserFixture fixture)
{
    [BrowserFact]
    public Task EveryWidgetStateIsAccessibleOnADesktop() => EveryStateIsAccessibleAsync("wa11ydesk", 1280, 800);

    [BrowserFact]
    public Task EveryWidgetStateIsAccessibleAndFitsAPhone() => EveryStateIsAccessibleAsync("wa11yphone", 390, 760);

    private async Task EveryStateIsAccessibleAsync(string tenant, int width, int height)
    {
        var keys = await fixture.CreateTenantAsync(tenant);
        var shop = await fixture.OpenShopAsync(tenant, keys.Widget, width, height);
        await Expect(shop.GetByRole(AriaRole.Button, new() { Name = "Chat with us" })).ToBeVisibleAsync();
        await shop.AssertAccessibleAsync($"closed widget at {width} px");

        await shop.OpenChatAsync();
        await Expect(shop.Locator(".sa-greeting")).ToContainTextAsync("Ask me about");
        await Expect(shop.GetByLabel("Your message")).ToHaveAttributeAsync("maxlength", "4000"); // the server's limit
        await shop.AssertAccessibleAsync($"open, empty widget at {width} px");

        // One scan of the conversation once it holds every kind of content: an answer with a source opened and its
        // feedback given ("Yes" pressed beside "No" not pressed, so both button styles), and the handoff banner. Each
        // step stays on screen, so scanning after each one only repeated the same elements.
        await shop.AskAsync("How do I return a jacket?");
        var answer = shop.Answers().Filter(new() { Has = shop.Locator(".sa-feedback") }).First; // not the handoff's reply
        var yes = answer.GetByRole(AriaRole.Button, new() { Name = "Yes", Exact = true });
        await Expect(yes).ToBeVisibleAsync();
        await answer.Locator(".sa-source").First.ClickAsync();
        await yes.ClickAsync();
        await shop.GetByRole(AriaRole.Button, new() { Name = "Talk to a person" }).ClickAsync();
        await Expect(shop.Locator(".sa-handoff")).ToBeVisibleAsync();
        await Expect(answer.Locator(".sa-snippet").First).ToBeVisibleAsync();
        await Expect(yes).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(answer.GetByRole(AriaRole.Button, new() { Name = "No", Exact = true })).ToHaveAttributeAsync("aria-pressed", "false");
        await shop.AssertAccessibleAsync($"answered, source opened, feedback given and handed off, at {width} px");
    }

    [BrowserFact]
    public async Task AfterAHandoffTalkToAPersonIsOffAndTheBannerSurvivesAReload()
    {
        var keys = await fixture.CreateTenantAsync("handoffonce");
        var shop = await fixture.OpenShopAsync("handoffonce", keys.Widget);
        await shop.OpenChatAsync();
        var human = shop.GetByRole(AriaRole.Button, new() { Name = "Talk to a person" });

        await human.ClickAsync();

        await Expect(shop.Locator(".sa-handoff")).ToHaveCountAsync(1);
        await Expect(human).ToBeDisabledAsync();
        await shop.ReloadAsync();
        await shop.OpenChatAsync();
        await Expect(shop.Locator(".sa-msg.sa-customer")).ToHaveCountAsync(1);
        await Expect(shop.Locator(".sa-handoff")).ToHaveCountAsync(1);
        await Expect(human).ToBeDisabledAsync();
    }

    [BrowserFact]
    public async Task AScreenReaderHearsWhoSpokeAndOneAnnouncementPerFinishedAnswer()
    {
        var keys = await fixture.CreateTenantAsync("announce");
        var shop = await fixture.OpenShopAsync("announce", keys.Widget);
        await shop.OpenChatAsync();
        // Count every change to any live region on the page while the answer streams in.
        await shop.EvaluateAsync("""
            () => {
              window.__liveUpdates = [];
              const live = () => [...document.querySelectorAll('[role=status],[role=log],[role=alert],[aria-live]')].filter(n => n.getAttribute('aria-live') !== 'off');
              new MutationObserver(records => {
                for (const r of records) {
                  const region = live().find(n => n.contains(r.target));
                  if (region && region.textContent) window.__liveUpdates.push(region.textContent);
                }
              }).observe(document.body, { subtree: true, childList: true, characterData: true });
            }
            """);

        await shop.AskAsync("How long does shipping to Canada take?");

        var announcer = shop.Locator(".sa-panel > .sa-sr[role=status]");
        await Expect(announcer).ToContainTextAsync("Assistant: ");
        await Expect(announcer).ToContainTextAsync("5 to 8 business days");
        var updates = await shop.EvaluateAsync<string[]>("() => window.__liveUpdates.filter(t => t.trim())");
        Assert.Single(updates, u => u.StartsWith("Assistant: ", StringComparison.Ordinal));
        Assert.Equal(0, await shop.Locator("[role=status] [role=status], [role=log] [role=status], [aria-live] [aria-live]").CountAsync());
        await Expect(shop.Locator(".sa-msg.sa-customer .sa-sr")).ToHaveTextAsync("You: ");
        await Expect(shop.Answers().Last.Locator(".sa-sr").First).ToHaveTextAsync("Assistant: ");
    }

    [BrowserFact]
    public async Task OnAPhoneTheKeyboardStaysInsideTheOpenChat()
    {
        var keys = await fixture.CreateTenantAsync("trap");
        var shop = await fixture.OpenShopAsync("trap", keys.Widget, 390, 760);
        await shop.Keyboard.PressAsync("Tab"); // the launcher is the page's only control
        await Expect(shop.GetByRole(AriaRole.Button, new() { Name = "Chat with us" })).ToBeFocusedAsync();
        await shop.Keyboard.PressAsync("Enter");
        await Expect(shop.GetByLabel("Your message")).ToBeFocusedAsync();
        await shop.Keyboard.TypeAsync("Which cards do you accept?");
        await shop.Keyboard.PressAsync("Enter");
        await Expect(shop.Answers().Last).ToContainTextAsync("Visa");

        var dialog = shop.GetByRole(AriaRole.Dialog);
        for (var i = 0; i < 15; i++)
        {
            await shop.Keyboard.PressAsync(i % 3 == 0 ? "Shift+Tab" : "Tab");
            Assert.True(await dialog.EvaluateAsync<bool>("d => d.contains(document.activeElement)"), $"focus left the chat after {i + 1} presses");
            var ring = await shop.EvaluateAsync<double>(FocusRingContrast);
            Assert.True(ring >= 3, $"the focus ring after {i + 1} presses has a contrast of {ring:0.0}:1 with what surrounds it (WCAG 1.4.11 asks 3:1)");
        }
        await shop.Keyboard.PressAsync("Escape");
        await Expect(shop.GetByRole(AriaRole.Button, new() { Name = "Chat with us" })).ToBeFocusedAsync();
    }

    /// <summary>
    /// The focused element's outline against the ring drawn around it (the box-shadow that separates it from any
    /// background): 0 when there is no visible outline at all.
    /// </summary>
    private const string FocusRingContrast = """
        () => {
          const style = getComputedStyle(document.activeElement);
          if (style.outlineStyle === "none" || parseFloat(style.outlineWidth) < 2) return 0;
          const rgb = (text) => (text.match(/rgba?\(([^)]+)\)/)?.[1] ?? "").split(",").slice(0, 3).map(Number);
          const luminance = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
            .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
          const a = luminance(rgb(style.outlineColor)), b = luminance(rgb(style.boxShadow));
          return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        }
        """;
}
