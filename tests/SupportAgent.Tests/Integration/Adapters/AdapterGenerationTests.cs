using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SupportAgent.Tests.Fakes;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Adapters;

/// <summary>
/// The whole path with two OpenAI-compatible servers on real sockets: the base model's, and a multi-LoRA server
/// (vLLM-style <c>/v1/models</c> with <c>parent</c>) holding tenant acme's adapter. Tenant globex has no adapter.
/// </summary>
public sealed class AdapterGenerationTests : IAsyncLifetime
{
    private const string BaseModel = "base-model";
    private const string Canada = "How long does shipping to Canada take?";
    private const string EvaluationCases = """
        {"id":"canada","question":"How long does shipping to Canada take?","expectedSources":["international-shipping"],"expectedDecision":"answer"}
        {"id":"person","question":"I want to talk to a real person","expectedDecision":"escalate"}
        """;

    private FakeOpenAiServer baseLlm = null!;
    private FakeOpenAiServer lora = null!;
    private SupportAgentApp app = null!;
    private SupportAgentApp.TenantKeys acme = null!;
    private SupportAgentApp.TenantKeys globex = null!;

    public async Task InitializeAsync()
    {
        baseLlm = await FakeOpenAiServer.StartAsync();
        baseLlm.Models.Clear();
        baseLlm.Models.Add(BaseModel);
        baseLlm.Responder = CorrectCanadaAnswer;
        lora = await FakeOpenAiServer.StartAsync();
        lora.Models.Clear();
        lora.Models.Add(BaseModel);
        lora.LoraModules["acme-tone"] = BaseModel;
        lora.Responder = CorrectCanadaAnswer;
        app = new SupportAgentApp()
            .With("SupportAgent:Llm:Endpoint", baseLlm.Endpoint.ToString())
            .With("SupportAgent:Llm:Model", BaseModel)
            .With("SupportAgent:Llm:TimeoutSeconds", "15")
            .With("SupportAgent:Llm:RetryBackoffMs", "10")
            .With("SupportAgent:Adapters:FailureThreshold", "3")
            .With("SupportAgent:Adapters:AllowLoopback", "true");
        acme = await app.CreateTenantWithKnowledgeAsync("acme");
        globex = await app.CreateTenantWithKnowledgeAsync("globex");
        using var admin = app.ClientWithKey(acme.Admin);
        (await admin.PutAsJsonAsync("/api/tenants/acme/adapter",
            new { name = "acme-tone", baseModel = BaseModel, endpoint = lora.Endpoint.ToString(), apiKey = "sk-lora" })).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        app.Dispose();
        await baseLlm.DisposeAsync();
        await lora.DisposeAsync();
    }

    private static FakeReply CorrectCanadaAnswer(FakeRequest request)
    {
        var match = Regex.Match(request.System, @"\[(\d+)\] International shipping");
        return match.Success
            ? FakeReply.Text($"Orders to Canada are delivered in 5 to 8 business days [{match.Groups[1].Value}].")
            : FakeReply.Text(FakeOpenAiServer.DefaultReply);
    }

    private async Task<JsonElement> AskAsync(string tenant, SupportAgentApp.TenantKeys keys, string question = Canada)
    {
        using var chat = new ChatClient(app, tenant, keys.Widget);
        return await chat.AskAsync(await chat.StartAsync(), question);
    }

    private async Task<HttpResponseMessage> AdminPostAsync(string path, HttpContent content)
    {
        using var admin = app.ClientWithKey(acme.Admin);
        return await admin.PostAsync($"/api/tenants/acme/adapter{path}", content);
    }

    private async Task<JsonElement> AdapterAsync()
    {
        using var admin = app.ClientWithKey(acme.Admin);
        return await admin.GetFromJsonAsync<JsonElement>("/api/tenants/acme/adapter");
    }

    private Task ActivateAsync() => AdminPostAsync("/activate", JsonContent.Create(new { reason = "pilot" }));

    private Task<HttpResponseMessage> EvaluateAsync(string cases = EvaluationCases) =>
        AdminPostAsync("/evaluate", new StringContent(cases, Encoding.UTF8, "application/jsonl"));

    [Fact]
    public async Task ATenantWithAnActiveAdapterSendsTheAdapterAsTheModelAndAnotherTenantSendsTheBaseModel()
    {
        await ActivateAsync();

        var acmeReply = await AskAsync("acme", acme);
        var globexReply = await AskAsync("globex", globex);

        Assert.Equal(("answered", "acme-tone"), (acmeReply.GetProperty("decision").GetString(), acmeReply.GetProperty("model").GetString()));
        var adapterRequest = Assert.Single(lora.Requests);
        Assert.Equal(("acme-tone", true, "Bearer sk-lora"), (adapterRequest.Model, adapterRequest.Stream, adapterRequest.Authorization));
        Assert.Equal(("answered", BaseModel), (globexReply.GetProperty("decision").GetString(), globexReply.GetProperty("model").GetString()));
        var baseRequest = Assert.Single(baseLlm.Requests);
        Assert.Equal(BaseModel, baseRequest.Model);
        var decision = await app.InDatabaseAsync(db => db.Decisions.SingleAsync(d => d.TenantId == "acme"));
        Assert.Equal(("acme-tone", "acme-tone", false), (decision.Model, decision.Adapter, decision.Fallback));
    }

    [Fact]
    public async Task AFailingAdapterFallsBackToTheBaseModelAndIsSuspendedAfterRepeatedFailures()
    {
        await ActivateAsync();
        lora.Responder = _ => FakeReply.Error(503);

        for (var i = 0; i < 3; i++)
        {
            var reply = await AskAsync("acme", acme);
            Assert.Equal(("answered", BaseModel), (reply.GetProperty("decision").GetString(), reply.GetProperty("model").GetString()));
        }

        var decisions = await app.InDatabaseAsync(db => db.Decisions.Where(d => d.TenantId == "acme").ToListAsync());
        Assert.All(decisions, d => Assert.Equal((BaseModel, true), (d.Model, d.Fallback)));
        var adapter = await AdapterAsync();
        Assert.Equal("suspended", adapter.GetProperty("status").GetString());
        Assert.Contains("3 consecutive failures", adapter.GetProperty("statusReason").GetString());
        var adapterCalls = lora.Requests.Count;
        Assert.Equal(6, adapterCalls); // three requests, each tried and retried once

        var afterSuspension = await AskAsync("acme", acme);

        Assert.Equal(BaseModel, afterSuspension.GetProperty("model").GetString());
        Assert.Equal(adapterCalls, lora.Requests.Count); // the breaker is open: the adapter is not called
        Assert.False((await app.InDatabaseAsync(db => db.Decisions.Where(d => d.TenantId == "acme").OrderByDescending(d => d.CreatedAt).FirstAsync())).Fallback);
    }

    [Fact]
    public async Task AnAdapterThatLosesTheEvaluationStaysInactiveAndTheComparisonIsShown()
    {
        lora.Responder = _ => FakeReply.Text("Canada orders arrive by drone within one hour of purchase [1].");

        var response = await EvaluateAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("registered", result.GetProperty("status").GetString());
        var comparison = (await AdapterAsync()).GetProperty("lastComparison");
        Assert.False(comparison.GetProperty("passed").GetBoolean());
        Assert.Equal(1.0, comparison.GetProperty("base").GetProperty("decisionAccuracy").GetDouble());
        Assert.Equal(0.5, comparison.GetProperty("adapter").GetProperty("decisionAccuracy").GetDouble());
        Assert.Contains("decision accuracy 0.50 is below the base model's 1.00", comparison.GetProperty("verdict").GetString());
        Assert.Equal(0, await app.InDatabaseAsync(db => db.Conversations.CountAsync())); // evaluation runs leave nothing behind

        var reply = await AskAsync("acme", acme);

        Assert.Equal(BaseModel, reply.GetProperty("model").GetString());
    }

    [Fact]
    public async Task AnAdapterAtLeastAsGoodAsTheBaseModelIsActivatedByTheEvaluation()
    {
        var response = await EvaluateAsync();

        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("active", result.GetProperty("status").GetString());
        Assert.True(result.GetProperty("comparison").GetProperty("passed").GetBoolean());
        Assert.Equal(1.0, result.GetProperty("comparison").GetProperty("adapter").GetProperty("citationValidity").GetDouble());
        Assert.Contains(lora.Requests, r => r.Model == "acme-tone");
        Assert.Contains(baseLlm.Requests, r => r.Model == BaseModel);
        Assert.Contains("Activated by evaluation", (await AdapterAsync()).GetProperty("statusReason").GetString());

        var reply = await AskAsync("acme", acme);

        Assert.Equal("acme-tone", reply.GetProperty("model").GetString());
    }

    [Fact]
    public async Task AnAdapterThatFailsDuringTheEvaluationLosesWithoutFallingBackOrBeingSuspended()
    {
        lora.Responder = _ => FakeReply.Error(500);

        var result = await (await EvaluateAsync()).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("registered", result.GetProperty("status").GetString());
        Assert.Equal(0.5, result.GetProperty("comparison").GetProperty("adapter").GetProperty("decisionAccuracy").GetDouble());
        Assert.Single(baseLlm.Requests); // only the base side's own run; the adapter side did not fall back to it
    }

    [Fact]
    public async Task MalformedEvaluationCasesAreRejectedAndTheAdapterIsUnchanged()
    {
        var detail = await (await EvaluateAsync("{\"id\":\"a\"}")).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("has no 'question'", detail);
        var adapter = await AdapterAsync();
        Assert.Equal("registered", adapter.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, adapter.GetProperty("lastComparison").ValueKind);
        Assert.Empty(lora.Requests);
    }
}
