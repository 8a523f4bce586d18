using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SupportAgent.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class HandoffTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task StaffSeeTheHandoffLiveAndTheirReplyReachesTheCustomerLive()
    {
        var keys = await fixture.CreateTenantAsync("handoff");
        var console = await fixture.SignInToConsoleAsync(keys.Staff);
        await Expect(console.GetByText("Nothing waiting.")).ToBeVisibleAsync();
        var shop = await fixture.OpenShopAsync("handoff", keys.Widget);
        await shop.OpenChatAsync();

        await shop.GetByRole(AriaRole.Button, new() { Name = "Talk to a person" }).ClickAsync();

        await Expect(shop.Locator(".sa-handoff")).ToContainTextAsync("A person will reply here");
        var rows = console.Locator("tr[data-escalation-id]"); // no reload: pushed over SignalR
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("Wants human");
        await AnotherCustomerReportsAnUrgentProblemAsync(keys.Widget);
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.First).ToContainTextAsync("urgent"); // higher priority goes first although it is newer
        var row = rows.Last;
        await Screens.CaptureAsync(console, "console-queue");

        await row.GetByRole(AriaRole.Link).ClickAsync();
        await console.GetByLabel("Reply to the customer").FillAsync("Hi, I'm Sam from the support team. How can I help?");
        await console.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();

        await Expect(shop.Locator(".sa-msg.sa-staff")).ToContainTextAsync("I'm Sam from the support team");
        await Expect(console.GetByRole(AriaRole.Status).Filter(new() { HasText = "Reply sent" })).ToBeVisibleAsync();
        await Screens.CaptureAsync(console, "console-escalation");
        await Screens.CaptureAsync(shop, "widget-handoff");
    }

    private async Task AnotherCustomerReportsAnUrgentProblemAsync(string widgetKey)
    {
        using var widget = fixture.Http(widgetKey);
        var started = await (await widget.PostAsync("/api/tenants/handoff/conversations", null)).Content.ReadFromJsonAsync<JsonElement>();
        widget.DefaultRequestHeaders.Add("X-Conversation-Token", started.GetProperty("conversationToken").GetString());
        (await widget.PostAsJsonAsync($"/api/tenants/handoff/conversations/{started.GetProperty("conversationId").GetString()}/messages",
            new { text = "I was charged twice for order 1182, please fix this urgently" })).EnsureSuccessStatusCode();
    }

    [BrowserFact]
    public async Task AfterTheConnectionDropsTheWidgetReconnectsAndKeepsTheConversation()
    {
        var keys = await fixture.CreateTenantAsync("reconnect");
        var sockets = new List<IWebSocketRoute>();
        // Routed through the test so it can cut the line; the route has to be in place before the page loads.
        var shop = await fixture.OpenShopAsync("reconnect", keys.Widget, beforeLoad: page => page.RouteWebSocketAsync(new Regex("/hubs/chat"), ws =>
        {
            ws.ConnectToServer();
            lock (sockets) sockets.Add(ws);
        }));
        await shop.OpenChatAsync();
        await shop.AskAsync("I want to talk to a person about my order");
        await Expect(shop.Locator(".sa-handoff")).ToBeVisibleAsync();
        var conversation = await shop.EvaluateAsync<string>("() => JSON.parse(localStorage.getItem('supportagent:reconnect:conversation')).id");

        IWebSocketRoute first;
        lock (sockets) first = sockets[0];
        await first.CloseAsync(new() { Code = 1011, Reason = "network dropped" });
        await WidgetTests.EventuallyAsync(() => Task.FromResult<object?>(sockets.Count >= 2 ? sockets : null));
        await Expect(shop.Locator(".sa-status")).ToBeEmptyAsync(); // reconnected, no warning left

        using var staff = fixture.Http(keys.Staff);
        var queue = await staff.GetFromJsonAsync<JsonElement>("/api/tenants/reconnect/escalations?status=open");
        var escalation = queue.GetProperty("escalations")[0];
        Assert.Equal(conversation, escalation.GetProperty("conversationId").GetString());
        (await staff.PostAsJsonAsync($"/api/tenants/reconnect/escalations/{escalation.GetProperty("id").GetString()}/reply",
            new { text = "Still here after the blip: what is your order number?" })).EnsureSuccessStatusCode();

        await Expect(shop.Locator(".sa-msg.sa-staff")).ToContainTextAsync("Still here after the blip");
        await shop.ReloadAsync();
        await shop.OpenChatAsync();
        await Expect(shop.Locator(".sa-msg.sa-customer")).ToContainTextAsync("I want to talk to a person about my order");
        await Expect(shop.Locator(".sa-msg.sa-staff")).ToContainTextAsync("Still here after the blip");
        Assert.Equal(conversation, await shop.EvaluateAsync<string>("() => JSON.parse(localStorage.getItem('supportagent:reconnect:conversation')).id"));
    }
}
