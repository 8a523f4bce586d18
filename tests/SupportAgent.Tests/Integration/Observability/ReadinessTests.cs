using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Observability;

public class ReadinessTests
{
    [Fact]
    public async Task AFreshServerWithoutAnLlmIsReadyAndSaysWhatItChecked()
    {
        using var app = new SupportAgentApp();
        using var client = app.CreateClient();

        var response = await client.GetAsync("/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ready", body.GetProperty("status").GetString());
        foreach (var check in new[] { "database", "index", "llm" })
            Assert.Equal("healthy", body.GetProperty("checks").GetProperty(check).GetProperty("status").GetString());
    }

    [Fact]
    public async Task AnUnreachableLlmEndpointMakesTheServerNotReadyWithAProblemNamingIt()
    {
        var port = ClosedPort();
        using var app = new SupportAgentApp().With("SupportAgent:Llm:Endpoint", $"http://127.0.0.1:{port}/v1").With("SupportAgent:Llm:Model", "base-model");
        using var anonymous = app.CreateClient();
        using var operatorClient = app.ClientWithKey(SupportAgentApp.OperatorKey);

        var publicDetail = await (await anonymous.GetAsync("/ready")).AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        var detail = await (await operatorClient.GetAsync("/ready")).AssertProblemAsync(HttpStatusCode.ServiceUnavailable);

        Assert.Contains("llm:", publicDetail);
        Assert.DoesNotContain("127.0.0.1", publicDetail); // internal hosts and ports are for the operator
        Assert.DoesNotContain(port.ToString(), publicDetail);
        Assert.Contains("llm:", detail);
        Assert.Contains("cannot be reached", detail);
    }

    [Fact]
    public async Task AnLlmEndpointThatAcceptsTheKeyIsReadyAndOneThatRejectsItIsNot()
    {
        await using var llm = await FakeModelsEndpoint.StartAsync(requiredKey: "sk-right");
        using var good = new SupportAgentApp().With("SupportAgent:Llm:Endpoint", llm.BaseUrl).With("SupportAgent:Llm:Model", "base-model").With("SupportAgent:Llm:ApiKey", "sk-right");
        using var bad = new SupportAgentApp().With("SupportAgent:Llm:Endpoint", llm.BaseUrl).With("SupportAgent:Llm:Model", "base-model").With("SupportAgent:Llm:ApiKey", "sk-wrong");

        Assert.Equal(HttpStatusCode.OK, (await good.CreateClient().GetAsync("/ready")).StatusCode);
        var detail = await (await bad.ClientWithKey(SupportAgentApp.OperatorKey).GetAsync("/ready")).AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Contains("401", detail);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port; // closed again when the listener is disposed
    }
}

[OnPostgres]
public sealed class ReadinessTestsOnPostgres : ReadinessTests;
