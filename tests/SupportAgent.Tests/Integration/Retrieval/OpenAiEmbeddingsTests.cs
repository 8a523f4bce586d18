using SupportAgent.Tests.Infrastructure;
using SupportAgent.Tests.Infrastructure.Fakes;

namespace SupportAgent.Tests.Integration.Retrieval;

/// <summary>Embeddings from an OpenAI-compatible endpoint, end to end: ingestion embeds chunks, chat embeds the query.</summary>
public sealed class OpenAiEmbeddingsTests
{
    [Fact]
    public async Task ChunksAndQuestionsAreEmbeddedByTheConfiguredEndpointAndAnswersStillCiteTheRightDocument()
    {
        await using var server = await FakeEmbeddingServer.StartAsync();
        using var app = new SupportAgentApp()
            .With("SupportAgent:Embeddings:Provider", "openai")
            .With("SupportAgent:Embeddings:Endpoint", server.Endpoint)
            .With("SupportAgent:Embeddings:Model", "text-embedding-3-small")
            .With("SupportAgent:Embeddings:ApiKey", "sk-test")
            .With("SupportAgent:Embeddings:Dimensions", "256");
        var keys = await app.CreateTenantWithKnowledgeAsync("acme");
        using var chat = new ChatClient(app, "acme", keys.Widget);

        var reply = await chat.AskAsync(await chat.StartAsync(), "How long does shipping to Canada take?");

        Assert.Equal("international-shipping", reply.GetProperty("citations")[0].GetProperty("documentId").GetString());
        var requests = server.Requests.ToList();
        Assert.All(requests, r =>
        {
            Assert.Equal("Bearer sk-test", r.Authorization);
            Assert.Equal("text-embedding-3-small", r.Body["model"]!.GetValue<string>());
            Assert.Equal(256, r.Body["dimensions"]!.GetValue<int>());
        });
        var inputs = requests.SelectMany(r => r.Body["input"]!.AsArray().Select(i => i!.GetValue<string>())).ToList();
        Assert.Contains(inputs, i => i.Contains("Duties and taxes are included at checkout"));
        Assert.Contains("How long does shipping to Canada take?", inputs);
    }

    [Fact]
    public async Task AnOpenAiProviderWithoutEndpointOrModelFailsAtStartupWithAClearMessage()
    {
        using var app = new SupportAgentApp().With("SupportAgent:Embeddings:Provider", "openai");

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Embeddings Endpoint must be an absolute URL", error.ToString());
        Assert.Contains("Embeddings Model is required", error.ToString());
    }
}
