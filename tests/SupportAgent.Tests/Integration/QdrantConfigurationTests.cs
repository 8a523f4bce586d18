using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration;

public sealed class QdrantConfigurationTests
{
    [Fact]
    public void ChoosingQdrantWithoutAUrlStopsTheServerAtStartWithAMessageNamingTheKey()
    {
        using var app = new SupportAgentApp().With("SupportAgent:Index:Provider", "qdrant");

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("SupportAgent:Qdrant:Url is required", Flatten(error));
    }

    [Fact]
    public void AnInvalidCollectionNameStopsTheServerAtStart()
    {
        using var app = new SupportAgentApp()
            .With("SupportAgent:Index:Provider", "qdrant")
            .With("SupportAgent:Qdrant:Url", "http://localhost:6334")
            .With("SupportAgent:Qdrant:Collection", "support/agent");

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("SupportAgent:Qdrant:Collection", Flatten(error));
    }

    [Fact]
    public void AUrlOnQdrantsRestPortStopsTheServerAtStartSayingTheIndexSpeaksGrpc()
    {
        using var app = new SupportAgentApp()
            .With("SupportAgent:Index:Provider", "qdrant")
            .With("SupportAgent:Qdrant:Url", "http://qdrant:6333");

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("port 6333, Qdrant's REST port; the index speaks gRPC, on port 6334", Flatten(error));
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : $"{e.Message} {Flatten(e.InnerException)}";
}
