using Microsoft.Extensions.DependencyInjection;
using SupportAgent.Core.Retrieval;
using SupportAgent.Tests.Fakes;

namespace SupportAgent.Tests.Conformance;

/// <summary>The conformance suite against <c>QdrantIndex</c> over HTTP, talking to the in-process fake Qdrant.</summary>
public sealed class QdrantIndexConformance : KnowledgeIndexConformance
{
    private FakeQdrantServer server = null!;
    private ServiceProvider services = null!;

    protected override async Task<IKnowledgeIndex> CreateIndexAsync()
    {
        server = await FakeQdrantServer.StartAsync();
        services = QdrantTestServices.Build(server.Url);
        return services.GetRequiredKeyedService<IKnowledgeIndex>("qdrant");
    }

    public override async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task EveryCallOnPointsCarriesTheTenantFilterAndEveryPointItsTenant()
    {
        await SearchAsync("globex", "drone delivery");
        await Index.DeleteDocumentAsync("globex", "returns", default);

        var calls = server.Requests.Where(r => r.Path.Contains("/points")).ToList();
        Assert.Contains(calls, r => r.Path.EndsWith("/points/query"));
        Assert.Contains(calls, r => r.Path.EndsWith("/points/delete"));
        foreach (var call in calls.Where(r => r.Method == "POST"))
        {
            var tenantCondition = call.Body!["filter"]!["must"]!.AsArray()
                .Single(c => c!["key"]?.GetValue<string>() == "tenant_id")!["match"]!["value"]!.GetValue<string>();
            Assert.Contains(tenantCondition, new[] { "acme", "globex" });
        }
        foreach (var upsert in calls.Where(r => r.Method == "PUT"))
        {
            Assert.Equal("?wait=true", upsert.Query);
            Assert.All(upsert.Body!["points"]!.AsArray(), p => Assert.False(string.IsNullOrEmpty(p!["payload"]!["tenant_id"]!.GetValue<string>())));
        }
    }
}
