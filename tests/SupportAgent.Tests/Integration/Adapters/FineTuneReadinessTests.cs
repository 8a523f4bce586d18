using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SupportAgent.Core.Answering;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Adapters;

public class FineTuneReadinessTests(SharedApp shared) : IClassFixture<SharedApp>, IAsyncLifetime
{
    private readonly SupportAgentApp app = shared.App;
    private readonly string freshId = TenantIds.New("fresh");
    private readonly string gapsId = TenantIds.New("gaps");
    private readonly string readyId = TenantIds.New("ready");
    private readonly Dictionary<string, SupportAgentApp.TenantKeys> keys = [];

    public async Task InitializeAsync()
    {
        foreach (var id in new[] { freshId, gapsId, readyId }) keys[id] = await app.CreateTenantAsync(id);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<JsonElement> ReadinessAsync(string tenant)
    {
        using var client = app.ClientWithKey(keys[tenant].Admin);
        return await client.GetFromJsonAsync<JsonElement>($"/api/tenants/{tenant}/finetune/readiness");
    }

    private static string Reasons(JsonElement report) => string.Join(" | ", report.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));

    [Fact]
    public async Task ATenantWithTooFewApprovedExamplesIsToldNotYet()
    {
        var history = new SupportHistory(app, freshId);
        await history.DocumentsAsync(10, daysAgo: 60);
        await history.ResolvedExamplesAsync(12, EscalationReason.Ungrounded);

        var report = await ReadinessAsync(freshId);

        Assert.Equal("not_yet", report.GetProperty("verdict").GetString());
        Assert.Contains("Only 12 stable staff-approved examples; at least 50 are needed", Reasons(report));
        Assert.Equal(12, report.GetProperty("evidence").GetProperty("stableExamples").GetInt32());
    }

    [Fact]
    public async Task ATenantWhoseFailuresAreKnowledgeGapsIsToldToAddDocumentsNotFineTune()
    {
        var history = new SupportHistory(app, gapsId);
        await history.DocumentsAsync(10, daysAgo: 60);
        await history.ResolvedExamplesAsync(80, EscalationReason.WantsHuman);
        for (var i = 0; i < 30; i++) await history.EscalationAsync($"Do you sell gift cards for store {i}?", EscalationReason.LowConfidence, resolved: false);
        for (var i = 0; i < 4; i++) await history.EscalationAsync($"Format problem {i}", EscalationReason.Ungrounded, resolved: false);

        var report = await ReadinessAsync(gapsId);

        Assert.Equal("not_yet", report.GetProperty("verdict").GetString());
        var reasons = Reasons(report);
        Assert.Contains("knowledge gaps (30 escalations", reasons);
        Assert.Contains("add or improve documents", reasons);
        Assert.DoesNotContain("at least 50 are needed", reasons);
    }

    [Fact]
    public async Task ATenantWithEnoughStableStyleFailuresAndAnEvaluationSetIsRecommendedToFineTune()
    {
        var history = new SupportHistory(app, readyId);
        await history.DocumentsAsync(10, daysAgo: 60);
        await history.ResolvedExamplesAsync(210, EscalationReason.Ungrounded);
        for (var i = 0; i < 5; i++) await history.EscalationAsync($"Do you ship to Mars {i}?", EscalationReason.LowConfidence, resolved: false);
        Assert.Equal("consider", (await ReadinessAsync(readyId)).GetProperty("verdict").GetString()); // no evaluation set yet
        using var admin = app.ClientWithKey(keys[readyId].Admin);
        (await admin.PostAsync($"/api/tenants/{readyId}/evaluations",
            new StringContent("""{"id":"human","question":"I want to talk to a person","expectedDecision":"escalate"}""", Encoding.UTF8, "application/x-ndjson")))
            .EnsureSuccessStatusCode();

        var report = await ReadinessAsync(readyId);

        Assert.Equal("recommended", report.GetProperty("verdict").GetString());
        var evidence = report.GetProperty("evidence");
        Assert.Equal(210, evidence.GetProperty("stableExamples").GetInt32());
        Assert.Equal(210, evidence.GetProperty("styleFormatFailures").GetInt32());
        Assert.True(evidence.GetProperty("evaluationSetExists").GetBoolean());
        Assert.Contains("210 stable staff-approved examples", Reasons(report));
    }

    [Fact]
    public async Task RecentlyChangedDocumentsMeanKeepPrompting()
    {
        var history = new SupportHistory(app, readyId);
        await history.DocumentsAsync(6, daysAgo: 60);
        await history.DocumentsAsync(4, daysAgo: 3);
        await history.ResolvedExamplesAsync(60, EscalationReason.Ungrounded);

        var report = await ReadinessAsync(readyId);

        Assert.Equal("not_yet", report.GetProperty("verdict").GetString());
        Assert.Contains("4 of 10 documents changed", Reasons(report));
    }

    [Fact]
    public async Task AnswersCitingADocumentThatChangedSinceAreNotCountedAsStable()
    {
        var history = new SupportHistory(app, freshId);
        await history.DocumentsAsync(1, daysAgo: 1); // doc-1-0 replaced yesterday, after staff answered
        await history.EscalationAsync("How long to Canada?", EscalationReason.Ungrounded, "Five to eight days [1].", sources: ["doc-1-0"]);
        await history.EscalationAsync("Can I return shoes?", EscalationReason.Ungrounded, "Yes, within 30 days [1].", sources: ["returns"]);

        var evidence = (await ReadinessAsync(freshId)).GetProperty("evidence");

        Assert.Equal(2, evidence.GetProperty("approvedExamples").GetInt32());
        Assert.Equal(1, evidence.GetProperty("stableExamples").GetInt32());
    }

    [Fact]
    public async Task AStaffKeyCannotReadTheReport()
    {
        using var staff = app.ClientWithKey(keys[readyId].Staff);

        await (await staff.GetAsync($"/api/tenants/{readyId}/finetune/readiness")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}

[OnPostgres]
public sealed class FineTuneReadinessTestsOnPostgres(SharedApp shared) : FineTuneReadinessTests(shared);
