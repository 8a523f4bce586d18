using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Retrieval;

/// <summary>Hybrid retrieval on the demo knowledge base, through the real chat endpoint.</summary>
[Collection(DemoCollection.Name)]
public sealed class DemoRetrievalTests(DemoApp demo)
{
    [Theory]
    [InlineData("How long does shipping to Canada take?", "shipping-international")]
    [InlineData("Can I change the shipping address after my order ships?", "order-tracking")]
    public async Task TheDemoTenantCitesTheDocumentThatAnswersTheQuestion(string question, string document)
    {
        using var chat = new ChatClient(demo.App, "demo", DemoApp.WidgetKey);
        var conversation = await chat.StartAsync();

        var reply = await chat.AskAsync(conversation, question);

        Assert.Equal("answered", reply.GetProperty("decision").GetString());
        Assert.Equal(document, reply.GetProperty("citations")[0].GetProperty("documentId").GetString());
    }
}
