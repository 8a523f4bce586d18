using Microsoft.Playwright;

namespace SupportAgent.Tests.Browser;

/// <summary>
/// The README's screenshots are taken by the browser tests themselves, at the moment they assert on, when
/// <c>SUPPORTAGENT_SCREENSHOTS</c> names a folder (e.g. <c>docs/images</c>); otherwise nothing is written.
/// </summary>
public static class Screens
{
    public static async Task CaptureAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("SUPPORTAGENT_SCREENSHOTS");
        if (string.IsNullOrEmpty(folder)) return;
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}.png") });
    }
}
