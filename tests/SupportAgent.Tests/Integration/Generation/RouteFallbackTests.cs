using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenAI;
using SupportAgent.Core.Answering;
using SupportAgent.Core.Generation;
using SupportAgent.Core.Retrieval;
using SupportAgent.Tests.Fakes;

namespace SupportAgent.Tests.Integration.Generation;

/// <summary>The generator walks the router's routes in order: an adapter that keeps failing falls back to the base model, and the router hears about both.</summary>
public sealed class RouteFallbackTests : IAsyncLifetime
{
    private FakeOpenAiServer adapterServer = null!, baseServer = null!;

    public async Task InitializeAsync()
    {
        adapterServer = await FakeOpenAiServer.StartAsync();
        baseServer = await FakeOpenAiServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await adapterServer.DisposeAsync();
        await baseServer.DisposeAsync();
    }

    private static readonly Passage Canada = new(new IndexedChunk("c1", "international-shipping", "International shipping", "Canada",
        "Orders to Canada are delivered in 5 to 8 business days.", null), 1, 0.9);

    private static IChatClient Client(FakeOpenAiServer server, string model) =>
        new OpenAIClient(new ApiKeyCredential("k"), new OpenAIClientOptions { Endpoint = server.Endpoint, RetryPolicy = new ClientRetryPolicy(0) })
            .GetChatClient(model).AsIChatClient();

    private sealed class TwoRoutes(params ChatRoute[] routes) : IChatModelRouter
    {
        public List<(string Model, bool Succeeded)> Reports { get; } = [];
        public ValueTask<IReadOnlyList<ChatRoute>> RoutesAsync(string tenantId, RoutePreference preference, CancellationToken ct) => ValueTask.FromResult<IReadOnlyList<ChatRoute>>(routes);
        public ValueTask ReportAsync(string tenantId, ChatRoute route, bool succeeded, CancellationToken ct)
        {
            Reports.Add((route.Model, succeeded));
            return ValueTask.CompletedTask;
        }
    }

    private static LlmAnswerGenerator Generator(IChatModelRouter router) => new(router, new ExtractiveAnswerer(), new ChatKernels(),
        Options.Create(new LlmOptions { TimeoutSeconds = 15, RetryBackoffMs = 10 }), TimeProvider.System, NullLogger<LlmAnswerGenerator>.Instance);

    [Fact]
    public async Task AFailingAdapterIsRetriedOnceThenTheBaseModelAnswersAsAFallback()
    {
        adapterServer.Responder = _ => FakeReply.Error(500);
        baseServer.Responder = _ => FakeReply.Text("Orders to Canada are delivered in 5 to 8 business days [1].");
        var router = new TwoRoutes(new ChatRoute(Client(adapterServer, "acme-lora"), "acme-lora", Adapter: "acme-lora"), new ChatRoute(Client(baseServer, "base"), "base"));

        var answer = await Generator(router).GenerateAsync(new AnswerRequest("acme", "How long to Canada?", [Canada], "a helpful agent"), default);

        Assert.True(answer.Grounded);
        Assert.True(answer.Fallback);
        Assert.Equal("base", answer.Model);
        Assert.Null(answer.Adapter);
        Assert.Equal(2, adapterServer.Requests.Count);
        Assert.Equal("acme-lora", adapterServer.Requests[0].Model);
        Assert.Equal([("acme-lora", false), ("base", true)], router.Reports);
    }

    [Fact]
    public async Task AHealthyAdapterAnswersAndIsNamedOnTheAnswer()
    {
        adapterServer.Responder = _ => FakeReply.Text("Orders to Canada are delivered in 5 to 8 business days [1].");
        var router = new TwoRoutes(new ChatRoute(Client(adapterServer, "acme-lora"), "acme-lora", Adapter: "acme-lora"), new ChatRoute(Client(baseServer, "base"), "base"));

        var answer = await Generator(router).GenerateAsync(new AnswerRequest("acme", "How long to Canada?", [Canada], "a helpful agent"), default);

        Assert.False(answer.Fallback);
        Assert.Equal("acme-lora", answer.Adapter);
        Assert.Empty(baseServer.Requests);
        Assert.Equal([("acme-lora", true)], router.Reports);
    }

    [Fact]
    public async Task WhenEveryRouteFailsGenerationFails()
    {
        adapterServer.Responder = _ => FakeReply.Error(503);
        baseServer.Responder = _ => FakeReply.Error(429);
        var router = new TwoRoutes(new ChatRoute(Client(adapterServer, "acme-lora"), "acme-lora", Adapter: "acme-lora"), new ChatRoute(Client(baseServer, "base"), "base"));

        await Assert.ThrowsAsync<GenerationFailedException>(() =>
            Generator(router).GenerateAsync(new AnswerRequest("acme", "How long to Canada?", [Canada], "a helpful agent"), default));
        Assert.Equal(2, baseServer.Requests.Count);
        Assert.Equal([("acme-lora", false), ("base", false)], router.Reports);
    }
}
