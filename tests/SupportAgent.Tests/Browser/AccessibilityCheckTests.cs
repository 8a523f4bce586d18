using Xunit.Sdk;

namespace SupportAgent.Tests.Browser;

/// <summary>The accessibility check itself: a page with a known violation fails it, naming the rule and the element.</summary>
[Collection(WidgetBrowserCollection.Name)]
public sealed class AccessibilityCheckTests(WidgetBrowserFixture fixture)
{
    [BrowserFact]
    public async Task AButtonWithoutANameFailsTheCheckWithTheRuleAndTheElementNamed()
    {
        var page = await fixture.NewPageAsync();
        await page.SetContentAsync("""<!doctype html><html lang="en"><head><title>Check</title></head><body><main><h1>Check</h1><button id="unnamed"></button></main></body></html>""");

        var failure = await Assert.ThrowsAsync<TrueException>(() => page.AssertAccessibleAsync("a page with an unnamed button"));

        Assert.Contains("button-name", failure.Message);
        Assert.Contains("#unnamed", failure.Message);
    }

    [BrowserFact]
    public async Task ThePageWithoutTheViolationPassesTheCheck()
    {
        var page = await fixture.NewPageAsync();
        await page.SetContentAsync("""<!doctype html><html lang="en"><head><title>Check</title></head><body><main><h1>Check</h1><button id="named">Send</button></main></body></html>""");

        await page.AssertAccessibleAsync("a page with a named button");
    }
}
