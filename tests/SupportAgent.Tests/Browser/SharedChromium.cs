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

    /// <summary>
    /// Chromium keeps only the last <c>--disable-features</c> switch, and Playwright passes one of its own: this repeats
    /// Playwright 1.64's list (its <c>chromiumSwitches</c>; keep it in step when upgrading) and adds the browser-window
    /// WebUI that headless Chromium builds and prewarms for every window, i.e. every test's browser context (top-chrome
    /// renderers: reload button, omnibox popup, tab strip, toolbar). None of it is what the tests look at, and with it
    /// the browser tests took about a sixth more CPU (docs/benchmarks.md, "Suite time, third round"). Which of the added
    /// names this Chromium knows was not narrowed down; an unknown name is ignored.
    /// </summary>
    private static readonly string[] DisabledFeatures = [
        "AvoidUnnecessaryBeforeUnloadCheckSync", "DestroyProfileOnBrowserClose", "DialMediaRouteProvider", "GlobalMediaControls",
        "HttpsUpgrades", "LensOverlay", "MediaRouter", "PaintHolding", "ThirdPartyStoragePartitioning",
        "BlockOriginHeaderModificationOnRedirect", "AvoidCorsURLLoaderRestartOnRedirect", "Translate", "AutoDeElevate",
        "OptimizationHints", "NetworkTimeServiceQuerying", "AimEnabled",
        "PreloadTopChromeWebUI", "WebUIReloadButton", "InitialWebUI", "WebUIOmniboxPopup", "WebUIOmniboxFullPopup", "WebUITabStrip", "WebUIToolbar"];

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
                        "--disable-component-update", "--disable-sync", "--disable-features=" + string.Join(",", DisabledFeatures)],
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
