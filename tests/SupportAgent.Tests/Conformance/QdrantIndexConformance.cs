using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using SupportAgent.Core.Retrieval;
using SupportAgent.Tests.Fakes;
using SupportAgent.Tests.Fakes.Qdrant;
using SupportAgent.Tests.Fakes.Qdrant.Wire;

namespace SupportAgent.Tests.Conformance;

/// <summary>The conformance suite against <c>QdrantIndex</c> on the official Qdrant.Client, talking gRPC to the in-process fake Qdrant.</summary>
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

        var calls = server.Calls.Where(c => c.Service == "qdrant.Points" && c.Method != "CreateFieldIndex").ToList();
        Assert.Contains(calls, c => c.Method == "Query");
        Assert.Contains(calls, c => c.Method == "Delete");
        foreach (var call in calls)
        {
            if (call.Request is UpsertPoints upsert)
            {
                Assert.All(upsert.Points, p => Assert.False(string.IsNullOrEmpty(p.Payload["tenant_id"].StringValue)));
                continue;
            }
            Filter filter = call.Request switch
            {
                QueryPoints q => q.Filter,
                DeletePoints d => d.Points.Filter,
                CountPoints c => c.Filter,
                ScrollPoints s => s.Filter,
                var other => throw new InvalidOperationException($"unexpected call {other.Descriptor.Name}"),
            };
            var tenant = filter.Must.Single(c => c.Field?.Key == "tenant_id").Field.Match.Keyword;
            Assert.Contains(tenant, new[] { "acme", "globex" });
        }
    }
}
