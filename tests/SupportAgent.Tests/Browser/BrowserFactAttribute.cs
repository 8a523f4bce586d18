namespace SupportAgent.Tests.Browser;

/// <summary>
/// A fact that drives Debian's Chromium: skipped with a message when it is not installed, except under CI=true,
/// where the test runs and fails, so CI can never pass without the browser tests.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public BrowserFactAttribute()
    {
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!File.Exists(ChromiumPath) && !ci) Skip = $"Chromium is not installed at {ChromiumPath} (apt-get install -y chromium).";
    }
}
