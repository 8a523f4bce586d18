using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace SupportAgent.Tests.Browser;

/// <summary>axe-core's WCAG 2.1 A/AA rules (plus the 2.2 24 px target size) on what the page shows now, and overflow on a phone.</summary>
public static class Axe
{
    private static readonly AxeRunOptions Options = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
        // Off by default in axe; on here because every control must be a 24 px target.
        Rules = new Dictionary<string, RuleOptions> { ["target-size"] = new() { Enabled = true } },
        // Every rule still runs on every element; only violations (all this check reads) are reported with their nodes,
        // instead of every node each passing rule checked being described, sent over and parsed.
        ResultTypes = [ResultType.Violations],
    };

    public static async Task AssertAccessibleAsync(this IPage page, string state)
    {
        var result = await page.RunAxe(Options);
        var violations = result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help}\n" + string.Join("\n", v.Nodes.Select(n => $"    {n.Target} {string.Join("; ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message))}")));
        Assert.True(result.Violations.Length == 0, $"axe found violations in {state}:\n{string.Join("\n", violations)}");
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{state} is {overflow} px wider than the viewport.");
    }
}
