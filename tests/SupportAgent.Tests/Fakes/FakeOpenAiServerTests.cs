using System.ClientModel;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAI;

namespace SupportAgent.Tests.Fakes;

/// <summary>The fake must speak the wire format the real OpenAI client expects, or every test built on it proves nothing.</summary>
public sealed class FakeOpenAiServerTests : IAsyncLifetime
{
    private FakeOpenAiServer server = null!;

    public async Task InitializeAsync() => server = await FakeOpenAiServer.StartAsync();
    public async Task DisposeAsync() => await server.DisposeAsync();

    private IChatClient Client() =>
        new OpenAIClient(new ApiKeyCredential("test-key"), new OpenAIClientOptions { Endpoint = server.Endpoint }).GetChatClient("fake-model").AsIChatClient();

    [Fact]
    public async Task TheRealOpenAiClientReadsAScriptedCompletionAndTheRequestIsRecorded()
    {
        server.Enqueue(FakeReply.Text("Orders ship in 2 days [1]."));

        var response = await Client().GetResponseAsync([new(ChatRole.System, "be brief"), new(ChatRole.User, "when?")]);

        Assert.Equal("Orders ship in 2 days [1].", response.Text);
        var request = Assert.Single(server.Requests);
        Assert.Equal("fake-model", request.Model);
        Assert.False(request.Stream);
        Assert.Equal([("system", "be brief"), ("user", "when?")], request.Messages);
        Assert.Equal("Bearer test-key", request.Authorization);
    }

    [Fact]
    public async Task StreamingArrivesAsSeveralServerSentEventChunks()
    {
        server.Enqueue(FakeReply.Text("Orders ship in two business days."));

        var updates = new List<string>();
        await foreach (var update in Client().GetStreamingResponseAsync([new(ChatRole.User, "when?")]))
            if (!string.IsNullOrEmpty(update.Text)) updates.Add(update.Text);

        Assert.True(updates.Count >= 5);
        Assert.Equal("Orders ship in two business days.", string.Concat(updates));
        Assert.True(Assert.Single(server.Requests).Stream);
    }

    [Fact]
    public async Task AScriptedServerErrorReachesTheClientAsAnError()
    {
        server.Enqueue(FakeReply.Error(503));

        var client = new OpenAIClient(new ApiKeyCredential("k"), new OpenAIClientOptions { Endpoint = server.Endpoint, RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(0) })
            .GetChatClient("fake-model").AsIChatClient();
        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.GetResponseAsync([new(ChatRole.User, "hi")]));
        Assert.Equal(503, error.Status);
    }

    [Fact]
    public async Task TheModelListIsServed()
    {
        using var http = new HttpClient();
        var models = await http.GetFromJsonAsync<JsonElement>(new Uri(server.Endpoint + "/models"));
        Assert.Equal("fake-model", models.GetProperty("data")[0].GetProperty("id").GetString());
    }
}
