using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR.Client;
using SupportAgent.Cli;
using SupportAgent.Tests.Fakes;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration;

/// <summary>
/// The hub, the HTTP endpoint, POST /evaluations and the CLI's <c>eval</c> run one agent: the same question on the same
/// tenant gets the same decision and citations through each, with the tenant's adapter active or not.
/// </summary>
public sealed class SameAgentEverywhereTests : IAsyncLifetime
{
    private const string Canada = "How long does shipping to Canada take?";
    private FakeOpenAiServer lora = null!;
    private SupportAgentApp app = null!;
    private SupportAgentApp.TenantKeys keys = null!;

    public async Task InitializeAsync()
    {
        lora = await FakeOpenAiServer.StartAsync();
        lora.Models.Clear();
        lora.Models.Add("base-model");
        lora.LoraModules["acme-tone"] = "base-model";
        lora.Responder = request => Regex.Match(request.System, @"\[(\d+)\] International shipping") is { Success: true } m
            ? FakeReply.Text($"Canada orders arrive in 5 to 8 business days [{m.Groups[1].Value}].")
            : FakeReply.Text(FakeOpenAiServer.DefaultReply);
        app = new SupportAgentApp().With("SupportAgent:Adapters:AllowLoopback", "true");
        keys = await app.CreateTenantWithKnowledgeAsync("acme");
    }

    public async Task DisposeAsync()
    {
        app.Dispose();
        await lora.DisposeAsync();
    }

    [Theory]
    [InlineData(false, Canada)]
    [InlineData(true, Canada)]
    [InlineData(true, "I want to talk to a real person")]
    public async Task EveryEntryPointGivesTheSameDecisionAndCitations(bool adapterActive, string question)
    {
        if (adapterActive) await ActivateAdapterAsync();

        var overHttp = await AskOverHttpAsync(question);
        var overHub = await AskOverHubAsync(question);

        Assert.Equal(overHttp.Decision, overHub.Decision);
        Assert.Equal(overHttp.Citations, overHub.Citations);
        Assert.Equal(overHttp.Model, overHub.Model);
        var generatedByAdapter = adapterActive && overHttp.Decision == "answered";
        Assert.Equal(generatedByAdapter, overHttp.Model == "acme-tone");
        var cases = Case(question, overHttp);
        var viaApi = await EvaluateOverApiAsync(cases);
        var adapterCallsBefore = lora.Requests.Count;
        var viaCli = await EvaluateWithCliAsync(cases);
        Assert.Equal(generatedByAdapter, lora.Requests.Count > adapterCallsBefore); // the CLI routes to the adapter too
        foreach (var report in new[] { viaApi, viaCli })
        {
            Assert.Equal(1.0, Metric(report, "decisionAccuracy"));
            if (overHttp.Citations.Count > 0) Assert.Equal(1.0, Metric(report, "hitAt1"));
            Assert.Empty(report.GetProperty("failures").EnumerateArray());
        }
    }

    private sealed record Answer(string Decision, IReadOnlyList<string> Citations, string Model);

    private async Task<Answer> AskOverHttpAsync(string question)
    {
        using var chat = new ChatClient(app, "acme", keys.Widget);
        var reply = await chat.AskAsync(await chat.StartAsync(), question);
        return new Answer(reply.GetProperty("decision").GetString()!,
            [.. reply.GetProperty("citations").EnumerateArray().Select(c => c.GetProperty("documentId").GetString()!)], reply.GetProperty("model").GetString()!);
    }

    private async Task<Answer> AskOverHubAsync(string question)
    {
        await using var hub = app.Hub(keys.Widget);
        await hub.StartAsync();
        var done = (await hub.AskAsync(await hub.StartConversationAsync(), question)).Reply!;
        return new Answer(done.Decision.ToString().ToLowerInvariant(), [.. done.Citations.Select(c => c.DocumentId)], done.Model);
    }

    /// <summary>One case expecting exactly what the live turn did: both evaluators must agree with it.</summary>
    private static string Case(string question, Answer live) => JsonSerializer.Serialize(new
    {
        id = "same",
        question,
        expectedDecision = live.Decision == "answered" ? "answer" : "escalate",
        expectedSources = live.Citations.Count > 0 ? live.Citations.Take(1).ToArray() : null,
    });

    private async Task<JsonElement> EvaluateOverApiAsync(string cases)
    {
        using var admin = app.ClientWithKey(keys.Admin);
        var response = await admin.PostAsync("/api/tenants/acme/evaluations", new StringContent(cases, Encoding.UTF8, "application/x-ndjson"));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<JsonElement> EvaluateWithCliAsync(string cases)
    {
        var file = Path.Combine(app.DataDirectory, $"same-{Guid.NewGuid():N}.jsonl");
        var output = Path.ChangeExtension(file, ".json");
        await File.WriteAllTextAsync(file, cases);
        var exit = await CliApp.Build().Parse(["eval", "--tenant", "acme", "--file", file, "--out", output, .. app.CliDataArguments,
            "--set", "SupportAgent:Adapters:AllowLoopback=true"]).InvokeAsync();
        Assert.Equal(0, exit);
        return JsonDocument.Parse(await File.ReadAllTextAsync(output)).RootElement;
    }

    private static double? Metric(JsonElement report, string name) =>
        report.GetProperty("metrics").GetProperty(name).GetProperty("value") is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : null;

    private async Task ActivateAdapterAsync()
    {
        using var admin = app.ClientWithKey(keys.Admin);
        (await admin.PutAsJsonAsync("/api/tenants/acme/adapter",
            new { name = "acme-tone", baseModel = "base-model", endpoint = lora.Endpoint.ToString(), apiKey = "sk-lora" })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/tenants/acme/adapter/activate", new { reason = "pilot" })).EnsureSuccessStatusCode();
    }
}
