using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Retrieval;

/// <summary>Hybrid retrieval on the demo knowledge base, through the real chat endpoint.</summary>
public sealed class DemoRetrievalTests : IDisposable
{
    private readonly SupportAgentApp app = new SupportAgentApp()
        .With("SupportAgent:Demo:Seed", "true")
        .With("SupportAgent:Demo:WidgetKey", "demo-widget-key")
        .With("SupportAgent:Demo:AdminKey", "demo-admin-key")
        .With("SupportAgent:Demo:StaffKey", "demo-staff-key");

    [Theory]
    [InlineData("How long does shipping to Canada take?", "shipping-international")]
    [InlineData("Can I change the shipping address after my order ships?", "order-tracking")]
    public async Task TheDemoTenantCitesTheDocumentThatAnswersTheQuestion(string question, string document)
    {
        using var chat = new ChatClient(app, "demo", "demo-widget-key");
        var conversation = await chat.StartAsync();

        var reply = await chat.AskAsync(conversation, question);

        Assert.Equal("answered", reply.GetProperty("decision").GetString());
        Assert.Equal(document, reply.GetProperty("citations")[0].GetProperty("documentId").GetString());
    }

    public void Dispose() => app.Dispose();
}
