using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SupportAgent.Cli;
using SupportAgent.Core.Evaluation;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration;

public class EvaluationTests(SharedApp shared) : IClassFixture<SharedApp>, IAsyncLifetime
{
    private const string Cases = """
        {"id":"canada","question":"How long does shipping to Canada take?","expectedSources":["international-shipping"],"expectedDecision":"answer","expectedCategory":"shipping"}
        {"id":"refund","question":"When will my refund reach my card?","expectedSources":["returns-policy"],"expectedDecision":"answer","expectedCategory":"returns"}
        {"id":"followup","question":"And to the United Kingdom?","history":[{"role":"user","text":"How long does shipping take?"},{"role":"assistant","text":"Where to?"}],"expectedSources":["international-shipping"],"expectedDecision":"answer"}
        {"id":"person","question":"I want to speak to a real person","expectedDecision":"escalate"}
        {"id":"offtopic","question":"Who won the football world cup in 1966?","expectedDecision":"escalate","expectedCategory":"other"}
        """;

    private readonly SupportAgentApp app = shared.App;
    private readonly string acmeId = TenantIds.New("acme");
    private SupportAgentApp.TenantKeys keys = null!;

    public async Task InitializeAsync() => keys = await app.CreateTenantWithKnowledgeAsync(acmeId);
    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<HttpResponseMessage> PostCasesAsync(string body, string? key = null)
    {
        using var client = app.ClientWithKey(key ?? keys.Admin);
        return await client.PostAsync($"/api/tenants/{acmeId}/evaluations", new StringContent(body, Encoding.UTF8, "application/x-ndjson"));
    }

    [Fact]
    public async Task TheEndpointReportsEveryMetricWithItsCount()
    {
        var response = await PostCasesAsync(Cases);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var metrics = (await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync())).RootElement.GetProperty("metrics");
        Assert.Equal(1.0, metrics.GetProperty("hitAt5").GetProperty("value").GetDouble());
        Assert.Equal(3, metrics.GetProperty("hitAt5").GetProperty("count").GetInt32());
        Assert.Equal(1.0, metrics.GetProperty("decisionAccuracy").GetProperty("value").GetDouble());
        Assert.Equal(5, metrics.GetProperty("decisionAccuracy").GetProperty("count").GetInt32());
        Assert.Equal(2, metrics.GetProperty("escalationRecall").GetProperty("count").GetInt32());
        Assert.True(metrics.GetProperty("latencyP95Ms").GetProperty("value").GetDouble() > 0);
    }

    [Fact]
    public async Task AnEvaluationRunLeavesNoConversationsOrEscalationsBehind()
    {
        (await PostCasesAsync(Cases)).EnsureSuccessStatusCode();

        Assert.Equal(0, await app.InDatabaseAsync(db => db.Conversations.CountAsync(x => x.TenantId == acmeId)));
        Assert.Equal(0, await app.InDatabaseAsync(db => db.Escalations.CountAsync(x => x.TenantId == acmeId)));
        Assert.Equal(0, await app.InDatabaseAsync(db => db.Decisions.CountAsync(x => x.TenantId == acmeId)));
    }

    [Fact]
    public async Task TheEndpointAndTheCliProduceTheSameReportForTheSameFile()
    {
        var apiReport = ReportJson.Deserialize(await (await PostCasesAsync(Cases)).Content.ReadAsStringAsync());
        var file = Path.Combine(app.DataDirectory, "cases.jsonl");
        var output = Path.Combine(app.DataDirectory, "report.json");
        await File.WriteAllTextAsync(file, Cases);

        var exit = await CliApp.Build().Parse(["eval", "--tenant", acmeId, "--file", file, "--out", output, .. app.CliDataArguments]).InvokeAsync();

        Assert.Equal(0, exit);
        var cliReport = ReportJson.Deserialize(await File.ReadAllTextAsync(output));
        Assert.Equal(WithoutLatency(apiReport), WithoutLatency(cliReport));
        Assert.Equal(apiReport.Failures, cliReport.Failures);
    }

    [Fact]
    public async Task TheCliRegressionCheckFailsOnAPlantedDrop()
    {
        var good = await (await PostCasesAsync(Cases)).Content.ReadAsStringAsync();
        var baseline = Path.Combine(app.DataDirectory, "baseline.json");
        var current = Path.Combine(app.DataDirectory, "current.json");
        await File.WriteAllTextAsync(baseline, good);
        var dropped = ReportJson.Deserialize(good);
        var metrics = dropped.Metrics.ToDictionary(m => m.Key, m => m.Value);
        metrics[MetricNames.DecisionAccuracy] = metrics[MetricNames.DecisionAccuracy] with { Value = 0.6 };
        await File.WriteAllTextAsync(current, ReportJson.Serialize(dropped with { Metrics = metrics }));

        var regressed = await CliApp.Build().Parse(["eval", "compare", "--baseline", baseline, "--report", current]).InvokeAsync();
        var unchanged = await CliApp.Build().Parse(["eval", "compare", "--baseline", baseline, "--report", baseline]).InvokeAsync();

        Assert.Equal(3, regressed);
        Assert.Equal(0, unchanged);
    }

    [Fact]
    public async Task ABadEvaluationFileIsA400NamingTheLine()
    {
        var detail = await (await PostCasesAsync("{\"id\":\"1\",\"question\":\"q\"}\nnot json")).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("Line 2", detail);
        Assert.Equal(0, await app.InDatabaseAsync(db => db.Conversations.CountAsync(x => x.TenantId == acmeId)));
    }

    [Fact]
    public async Task OnlyAnAdminKeyMayRunEvaluations()
    {
        await (await PostCasesAsync(Cases, keys.Widget)).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    private static Dictionary<string, Metric> WithoutLatency(EvaluationReport report) =>
        report.Metrics.Where(m => !MetricNames.LowerIsBetter(m.Key)).ToDictionary(m => m.Key, m => m.Value);
}

[OnPostgres]
public sealed class EvaluationTestsOnPostgres(SharedApp shared) : EvaluationTests(shared);
