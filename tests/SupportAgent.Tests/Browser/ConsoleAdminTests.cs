using Microsoft.Playwright;
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

        await Expect(console.GetByRole(AriaRole.Status)).ToContainTextAsync("empty.txt: failed");
        var row = console.GetByRole(AriaRole.Row).Filter(new() { HasText = "gift-cards" });
        await Expect(row).ToContainTextAsync("indexed");
        await Screens.CaptureAsync(console, "console-documents");
    }

    [BrowserFact]
    public async Task StaffAreToldThatApprovedAnswersAreForAdmins()
    {
        var keys = await fixture.CreateTenantAsync("staffonly");
        var console = await fixture.SignInToConsoleAsync(keys.Staff);

        await console.GetByRole(AriaRole.Link, new() { Name = "Approved answers" }).ClickAsync();

        await Expect(console.GetByText("Only admins can manage approved answers.")).ToBeVisibleAsync();
    }
}
