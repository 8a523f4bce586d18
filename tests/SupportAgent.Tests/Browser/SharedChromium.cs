using Microsoft.Playwright;

namespace SupportAgent.Tests.Browser;

/// <summary>
/// One Playwright driver and one Chromium for the browser collections that run at the same time: each collection has a
/// server of its own and each test its own browser contexts (separate cookies and storage), so they need no browser of
/// their own; a second driver and browser cost seconds of CPU at start and for their whole life. Closed when the last
/// collection using it is done, launched again if another comes later.
/// </summary>
internal static class SharedChromium
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static IPlaywright? playwright;
    private static IBrowser? browser;
    private static int users;

    public static async Task<IBrowser> AcquireAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (browser is null)
            {
                playwright = await Playwright.CreateAsync();
                browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = BrowserFactAttribute.ChromiumPath,
                    Headless = true,
                    Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync"],
                });
            }
            users++;
            return browser;
        }
        finally { Gate.Release(); }
    }

    public static async Task ReleaseAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (--users > 0 || browser is null) return;
            await browser.DisposeAsync();
            playwright?.Dispose();
            (browser, playwright) = (null, null);
        }
        finally { Gate.Release(); }
    }
}
