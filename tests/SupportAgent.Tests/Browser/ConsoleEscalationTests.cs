using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SupportAgent.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ConsoleEscalationTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task StaffReplyJudgeAndResolveAnEscalationAndSeeEachOutcomeOnce()
    {
        var keys = await fixture.CreateTenantAsync("workflow");
        await ConsoleAccessibilityTests.CustomerAsksForAPersonAsync(fixture, "workflow", keys.Widget);
        var console = await fixture.SignInToConsoleAsync(keys.Staff);
        await console.Locator("tr[data-escalation-id] a").ClickAsync();
        var save = console.GetByLabel("Save question and reply as an approved answer");
        await Expect(save).Not.ToBeCheckedAsync(); // saving is a decision, not a default

        var box = console.GetByLabel("Reply to the customer");
        await box.FillAsync("Hello, this is Sam from support.");
        await console.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
        await Expect(console.GetByRole(AriaRole.Status).Filter(new() { HasText = "Reply sent" })).ToBeVisibleAsync();
        await Expect(box).ToBeEmptyAsync();
        // The reply comes back from the API and over the hub; it is shown once, as the transcript has it once.
        await Expect(console.Locator(".transcript li.m-staff")).ToHaveCountAsync(1);

        await console.GetByRole(AriaRole.Button, new() { Name = "Incorrect" }).ClickAsync();
        await Expect(console.Locator("#verdict-state")).ToHaveTextAsync("Judged incorrect.");
        await Expect(console.GetByRole(AriaRole.Button, new() { Name = "Incorrect" })).ToHaveAttributeAsync("aria-pressed", "true");

        await console.GetByRole(AriaRole.Button, new() { Name = "Resolve" }).ClickAsync();
        await Expect(console.GetByRole(AriaRole.Status).Filter(new() { HasText = "Resolved." })).ToBeVisibleAsync();
        var followUp = console.GetByLabel("Follow-up to the customer (the escalation stays resolved)");
        await followUp.FillAsync("One more thing: your parcel left today.");
        await console.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
        await Expect(console.GetByRole(AriaRole.Status).Filter(new() { HasText = "Follow-up sent" })).ToContainTextAsync("stays resolved");
        await Expect(console.Locator(".transcript li.m-staff")).ToHaveCountAsync(2);

        await followUp.FillAsync(new string('x', 5000));
        await console.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
        // A refusal is an alert right below the reply box, not a green banner at the top of the page.
        var alert = console.Locator("form.reply + .notice-slot").GetByRole(AriaRole.Alert);
        await Expect(alert).ToBeVisibleAsync();
        await Expect(alert).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("notice-error"));
    }

    [BrowserFact]
    public async Task TheQueueSpeaksPlainWordsAndTheEscalationOpensWithTheAgentsDraftReadyToEdit()
    {
        var keys = await fixture.CreateTenantAsync("wording");
        using (var widget = fixture.Http(keys.Widget))
        {
            var started = await (await widget.PostAsync("/api/tenants/wording/conversations", null)).Content.ReadFromJsonAsync<JsonElement>();
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tenants/wording/conversations/{started.GetProperty("conversationId").GetString()}/messages")
            {
                Content = JsonContent.Create(new { text = "I want to talk to a person: how long does shipping to Canada take?" }),
            };
            request.Headers.Add("X-Conversation-Token", started.GetProperty("conversationToken").GetString());
            (await widget.SendAsync(request)).EnsureSuccessStatusCode();
        }
        var console = await fixture.SignInToConsoleAsync(keys.Staff);
        var row = console.Locator("tr[data-escalation-id]");
        await Expect(row).ToHaveCountAsync(1);

        var cells = await row.Locator("td").AllInnerTextsAsync();
        Assert.Contains(cells[0], new[] { "High", "Normal", "Low" }); // three levels that read in order
        Assert.Matches(@"^\d+ min$", cells[1]);                       // an age, on one line
        Assert.Equal("Wants human", cells[5]);
        Assert.DoesNotContain(cells, c => c.Contains('_', StringComparison.Ordinal));
        var ageLines = await row.Locator("td").Nth(1).EvaluateAsync<int>("td => { const r = document.createRange(); r.selectNodeContents(td); return r.getClientRects().length; }");
        Assert.Equal(1, ageLines);

        await row.GetByRole(AriaRole.Link).ClickAsync();
        // The answer the agent held back is in the reply box, ready to edit; times carry their zone.
        var box = console.GetByLabel("Reply to the customer (edit the agent's draft)");
        await Expect(box).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("5 to 8 business days"));
        await Expect(console.Locator(".meta")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"opened .*\d{2}:\d{2}.*(UTC|GMT|[A-Z]{2,5})"));
    }

    [BrowserFact]
    public async Task ALiveEscalationRefreshesTheQueueWithoutChangingTheFilterOrMovingFocus()
    {
        var keys = await fixture.CreateTenantAsync("livequeue");
        await ConsoleAccessibilityTests.CustomerAsksForAPersonAsync(fixture, "livequeue", keys.Widget);
        var console = await fixture.SignInToConsoleAsync(keys.Staff);
        await console.GetByLabel("Show").SelectOptionAsync("resolved");
        await Expect(console.GetByText("None.")).ToBeVisibleAsync();
        await console.GetByLabel("Show").SelectOptionAsync("all");
        var rows = console.Locator("tr[data-escalation-id]");
        await Expect(rows).ToHaveCountAsync(1);
        await rows.First.GetByRole(AriaRole.Link).FocusAsync();
        var focused = await rows.First.GetByRole(AriaRole.Link).GetAttributeAsync("href");

        await ConsoleAccessibilityTests.CustomerAsksForAPersonAsync(fixture, "livequeue", keys.Widget);

        await Expect(rows).ToHaveCountAsync(2);
        await Expect(console.GetByLabel("Show")).ToHaveValueAsync("all");
        await Expect(console.Locator($"a[href='{focused}']")).ToBeFocusedAsync();
    }

    [BrowserFact]
    public async Task AKeyboardOnlyAdminSignsInAndMovesBetweenPages()
    {
        var keys = await fixture.CreateTenantAsync("keyboard");
        var console = await fixture.NewPageAsync(1280, 860);
        await console.GotoAsync($"{fixture.Server}console");
        await Expect(console.GetByLabel("Staff or admin key")).ToBeFocusedAsync();
        await console.Keyboard.TypeAsync("not-a-key");
        await console.Keyboard.PressAsync("Enter");
        await Expect(console.GetByRole(AriaRole.Alert)).ToContainTextAsync("not a staff or admin key");
        await console.GetByLabel("Staff or admin key").FillAsync(keys.Admin);
        await console.Keyboard.PressAsync("Enter");
        await Expect(console.GetByRole(AriaRole.Heading, new() { Name = "Escalation queue" })).ToBeFocusedAsync();

        foreach (var (link, heading) in new[] { ("Documents", "Documents"), ("Analytics", "Analytics"), ("Queue", "Escalation queue") })
        {
            await TabToAsync(console, console.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }));
            await console.Keyboard.PressAsync("Enter");
            await Expect(console.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeFocusedAsync();
        }
        await TabToAsync(console, console.GetByRole(AriaRole.Button, new() { Name = "Sign out" }));
        await console.Keyboard.PressAsync("Enter");
        await Expect(console.GetByLabel("Staff or admin key")).ToBeFocusedAsync();
        await Expect(console.GetByRole(AriaRole.Navigation)).ToBeHiddenAsync();
    }

    /// <summary>Presses Tab (Shift+Tab would do as well) until the target has focus; fails if it is not reachable.</summary>
    internal static async Task TabToAsync(IPage page, ILocator target)
    {
        for (var i = 0; i < 40; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("n => n === document.activeElement")) return;
        }
        Assert.Fail($"Tab never reached {target}.");
    }
}
