using Microsoft.Playwright;
using SupportAgent.Tests.Fakes;
using static Microsoft.Playwright.Assertions;

namespace SupportAgent.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ConsoleAdminTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task AnAdminUploadsADocumentOnTheDocumentsPageAndSeesItIndexed()
    {
        var keys = await fixture.CreateTenantAsync("docs");
        var console = await fixture.SignInToConsoleAsync(keys.Admin);
        await console.GetByRole(AriaRole.Link, new() { Name = "Documents" }).ClickAsync();
        await Expect(console.GetByRole(AriaRole.Row)).ToHaveCountAsync(1 + 3); // header + the test knowledge

        await console.Locator("#doc-files").SetInputFilesAsync(
        [
            new FilePayload { Name = "gift-cards.md", MimeType = "text/markdown", Buffer = "# Gift cards\n\nGift cards never expire and work online and in stores."u8.ToArray() },
            new FilePayload { Name = "empty.txt", MimeType = "text/plain", Buffer = [] },
        ]);

        // A failure is an alert next to the upload control, never the green confirmation.
        await Expect(console.Locator("#dropzone + .notice-slot").GetByRole(AriaRole.Alert)).ToContainTextAsync("empty.txt: failed");
        var row = console.GetByRole(AriaRole.Row).Filter(new() { HasText = "gift-cards" });
        await Expect(row).ToContainTextAsync("indexed");
        await Screens.CaptureAsync(console, "console-documents");
    }

    [BrowserFact]
    public async Task StaffSeeOnlyTheQueueInTheNavigationAndAreToldAdminPagesAreForAdmins()
    {
        var keys = await fixture.CreateTenantAsync("staffonly");
        var console = await fixture.SignInToConsoleAsync(keys.Staff);

        var nav = console.GetByRole(AriaRole.Navigation, new() { Name = "Console" });
        await Expect(nav.GetByRole(AriaRole.Link)).ToHaveTextAsync(["Queue"]);
        await Expect(nav.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await console.GotoAsync($"{fixture.Server}console#/approved");

        await Expect(console.GetByText("Only admins can manage approved answers.")).ToBeVisibleAsync();
    }

    [BrowserFact]
    public async Task AnAdminRegistersAnAdapterInTheConsoleAndForceActivatesItWithAReason()
    {
        var vllm = fixture.Vllm;
        vllm.Models.Add("base-model");
        vllm.LoraModules["console-tone"] = "base-model";
        var keys = await fixture.CreateTenantAsync("tuned");
        var console = await fixture.SignInToConsoleAsync(keys.Admin);
        await console.GetByRole(AriaRole.Link, new() { Name = "Adapter" }).ClickAsync();
        await Expect(console.GetByText("No adapter registered")).ToBeVisibleAsync();

        await console.Locator("#adapter-name").FillAsync("console-tone");
        await console.Locator("#adapter-base").FillAsync("base-model");
        await console.Locator("#adapter-endpoint").FillAsync(vllm.Endpoint.ToString());
        await console.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Expect(console.Locator("#adapter-status")).ToHaveTextAsync("registered");
        // The confirmation survives the re-render; the page offers its own button rather than an API call to make.
        await Expect(console.GetByRole(AriaRole.Status).Filter(new() { HasText = "Registered" })).ToBeVisibleAsync();
        await Expect(console.Locator("main")).Not.ToContainTextAsync("POST");
        await console.GetByRole(AriaRole.Button, new() { Name = "Run evaluation" }).ClickAsync();
        await Expect(console.GetByRole(AriaRole.Alert)).ToContainTextAsync("Choose a JSONL file");

        console.Dialog += async (_, dialog) => await dialog.AcceptAsync("tone approved by the support lead");
        await console.GetByRole(AriaRole.Button, new() { Name = "Force-activate" }).ClickAsync();

        await Expect(console.Locator("#adapter-status")).ToHaveTextAsync("active");
        await Expect(console.GetByRole(AriaRole.Status).Filter(new() { HasText = "Activated." })).ToBeVisibleAsync();
        await Expect(console.GetByText("tone approved by the support lead")).ToBeVisibleAsync();
    }

    [BrowserFact]
    public async Task AnalyticsOpensOnTheLastThirtyDaysOfTheViewersOwnCalendar()
    {
        // UTC+14: for ten hours of every UTC day the viewer's date is already tomorrow's.
        const string zone = "Pacific/Kiritimati";
        var keys = await fixture.CreateTenantAsync("localdays");
        var localToday = () => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(zone)).DateTime);
        var before = localToday();
        var console = await fixture.SignInToConsoleAsync(keys.Admin, zone);
        await console.GetByRole(AriaRole.Link, new() { Name = "Analytics" }).ClickAsync();
        await Expect(console.Locator("#tiles")).ToContainTextAsync("Conversations");

        var to = DateOnly.Parse(await console.Locator("#to").InputValueAsync(), System.Globalization.CultureInfo.InvariantCulture);
        var from = DateOnly.Parse(await console.Locator("#from").InputValueAsync(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(to, new[] { before, localToday() }); // the same day unless the test ran across local midnight
        Assert.Equal(to.AddDays(-29), from);
    }
}
