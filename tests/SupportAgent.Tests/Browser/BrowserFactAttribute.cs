namespace SupportAgent.Tests.Browser;

/// <summary>
/// A fact that drives Debian's Chromium headless shell (the same Blink and V8 as the browser, without the browser
/// window's UI, as Playwright itself runs headless Chromium): skipped with a message when it is not installed, except
/// under CI=true, where the test runs and fails, so CI can never pass without the browser tests. The full browser in
/// headless mode took about twice the CPU for the same tests (docs/benchmarks.md, "Suite time, fourth round").
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium-headless-shell";

    public BrowserFactAttribute()
    {
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!File.Exists(ChromiumPath) && !ci) Skip = $"Chromium is not installed at {ChromiumPath} (apt-get install -y chromium-headless-shell).";
    }
}
