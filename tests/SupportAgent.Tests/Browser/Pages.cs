using Microsoft.Playwright;

namespace SupportAgent.Tests.Browser;

/// <summary>What a customer and a staff member do, in the words of the pages' accessible names.</summary>
public static class Pages
{
    public static async Task OpenChatAsync(this IPage shop) => await shop.GetByRole(AriaRole.Button, new() { Name = "Chat with us" }).ClickAsync();

    public static async Task AskAsync(this IPage shop, string question)
    {
        var input = shop.GetByLabel("Your message");
        await input.FillAsync(question);
        await input.PressAsync("Enter");
    }

    public static ILocator Answers(this IPage shop) => shop.Locator(".sa-msg.sa-assistant");

    public static async Task<IPage> SignInToConsoleAsync(this BrowserFixture fixture, string key, string? timeZone = null)
    {
        var console = await fixture.NewPageAsync(1280, 860, timeZone);
        await console.GotoAsync($"{fixture.Server}console");
        await console.GetByLabel("Staff or admin key").FillAsync(key);
        await console.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await console.GetByRole(AriaRole.Heading, new() { Name = "Escalation queue" }).WaitForAsync();
        return console;
    }
}
