extern alias tools;
using System.Text.Json;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Unit;

public sealed class Dstc11ConverterTests : IDisposable
{
    private readonly string output = Path.Combine(Path.GetTempPath(), "supportagent-tests", Guid.NewGuid().ToString("N"));

    [DatasetFact("dstc11/knowledge.json")]
    public async Task EveryFaqAndReviewBecomesADocumentAndEveryAnswerableContextACaseWithItsGoldDocuments()
    {
        var source = Datasets.Require("dstc11/knowledge.json");
        if (source is null) return;

        var exit = await tools::SupportAgent.Tools.ToolsApp.Build().Parse(["datasets", "dstc11", "--source", Path.GetDirectoryName(source)!, "--out", output]).InvokeAsync();

        Assert.Equal(0, exit);
        var documents = File.ReadAllLines(Path.Combine(output, "knowledge.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var ids = documents.Select(d => d.GetProperty("id").GetString()!).ToHashSet();
        Assert.Equal(2869 + 1430, ids.Count);
        Assert.Contains("hotel-0-faq-0", ids);
        Assert.StartsWith("A AND B GUEST HOUSE: ", documents.First(d => d.GetProperty("id").GetString() == "hotel-0-faq-0").GetProperty("title").GetString());

        var cases = File.ReadAllLines(Path.Combine(output, "cases.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(1064, cases.Count); // the development contexts marked target: true
        Assert.All(cases, c => Assert.All(c.GetProperty("expectedSources").EnumerateArray(), s => Assert.Contains(s.GetString()!, ids)));
        Assert.All(cases, c => Assert.NotEqual(0, c.GetProperty("history").GetArrayLength()));
        var lastTurn = File.ReadAllLines(Path.Combine(output, "cases-last-turn.jsonl"));
        Assert.Equal(cases.Count, lastTurn.Length);
        Assert.DoesNotContain("history", lastTurn[0]);
    }

    public void Dispose()
    {
        try { Directory.Delete(output, true); } catch (IOException) { }
    }
}
