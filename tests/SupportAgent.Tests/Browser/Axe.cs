using System.Text.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace SupportAgent.Tests.Browser;

/// <summary>axe-core's WCAG 2.1 A/AA rules (plus the 2.2 24 px target size) on what the page shows now, and overflow on a phone.</summary>
public static class Axe
{
    private static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    private static readonly AxeRunOptions Options = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. Tags] },
        // Off by default in axe; on here because every control must be a 24 px target.
        Rules = new Dictionary<string, RuleOptions> { ["target-size"] = new() { Enabled = true } },
        // Every rule still runs on every element; only violations (all this check reads) are reported with their nodes,
        // instead of every node each passing rule checked being described, sent over and parsed.
        ResultTypes = [ResultType.Violations],
    };

    /// <summary>The axe-core build inside the Deque package (the same script its <c>RunAxe</c> injects).</summary>
    private static readonly Lazy<string> Source = new(() =>
    {
        using var stream = typeof(AxeRunOptions).Assembly.GetManifestResourceStream("Deque.AxeCore.Commons.Resources.axe.min.js")
            ?? throw new InvalidOperationException("axe-core is missing from Deque.AxeCore.Commons.");
        return new StreamReader(stream).ReadToEnd();
    });

    /// <summary>
    /// <c>axe.run</c> on the document, with axe injected once per document and every rule of the same tags run as
    /// <see cref="Options"/> asks. The package's <c>RunAxe</c> injects axe (half a megabyte of script) into every frame
    /// on every scan and then opens a blank page to merge the frames' results, which was most of the browser tests' CPU;
    /// on a page without frames (the console and the widget render in the page itself) the two report the same.
    /// </summary>
    private const string Run = """
        async tags => {
          const result = await axe.run(document, {
            runOnly: { type: 'tag', values: tags },
            rules: { 'target-size': { enabled: true } },
            resultTypes: ['violations'],
          });
          return result.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => ({ target: JSON.stringify(n.target), messages: [...n.any, ...n.all, ...n.none].map(c => c.message) })),
          }));
        }
        """;

    public static async Task AssertAccessibleAsync(this IPage page, string state)
    {
        var violations = page.Frames.Count == 1 ? await InPageAsync(page) : await WithFramesAsync(page);
        Assert.True(violations.Count == 0, $"axe found violations in {state}:\n{string.Join("\n", violations)}");
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{state} is {overflow} px wider than the viewport.");
    }

    private static async Task<List<string>> InPageAsync(IPage page)
    {
        // Evaluated as a script of its own (as the package does), which the pages' content security policy does not apply to.
        if (!await page.EvaluateAsync<bool>("() => !!window.axe")) await page.EvaluateAsync(Source.Value);
        var found = await page.EvaluateAsync<JsonElement>(Run, Tags);
        return [.. found.EnumerateArray().Select(v =>
            $"{v.GetProperty("id")} ({v.GetProperty("impact")}): {v.GetProperty("help")}\n" + string.Join("\n", v.GetProperty("nodes").EnumerateArray().Select(n =>
                $"    {n.GetProperty("target")} {string.Join("; ", n.GetProperty("messages").EnumerateArray().Select(m => m.GetString()))}")))];
    }

    /// <summary>A page with frames (none today) is scanned the package's way, frame by frame.</summary>
    private static async Task<List<string>> WithFramesAsync(IPage page)
    {
        var result = await page.RunAxe(Options);
        return [.. result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help}\n" + string.Join("\n", v.Nodes.Select(n => $"    {n.Target} {string.Join("; ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message))}")))];
    }
}
