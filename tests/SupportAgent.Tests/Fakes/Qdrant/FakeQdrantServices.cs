using Grpc.Core;
using SupportAgent.Tests.Fakes.Qdrant.Wire;

namespace SupportAgent.Tests.Fakes.Qdrant;

/// <summary>Qdrant's <c>qdrant.Collections</c> service: create, exists, delete, list, info, metadata updates.</summary>
internal sealed class FakeQdrantCollectionsService(FakeQdrantServer server) : Collections.CollectionsBase
{
    public override Task<CollectionOperationResponse> Create(CreateCollection request, ServerCallContext context)
    {
        var collection = FakeQdrantCollection.Create(request);
        if (!server.Collections.TryAdd(request.CollectionName, collection))
            throw FakeQdrantErrors.AlreadyExists($"Collection `{request.CollectionName}` already exists!");
        return Task.FromResult(new CollectionOperationResponse { Result = true });
    }

    public override Task<CollectionExistsResponse> CollectionExists(CollectionExistsRequest request, ServerCallContext context) =>
        Task.FromResult(new CollectionExistsResponse { Result = new() { Exists = server.Collections.ContainsKey(request.CollectionName) } });

    public override Task<CollectionOperationResponse> Delete(DeleteCollection request, ServerCallContext context) =>
        Task.FromResult(new CollectionOperationResponse { Result = server.Collections.TryRemove(request.CollectionName, out _) });

    public override Task<GetCollectionInfoResponse> Get(GetCollectionInfoRequest request, ServerCallContext context) =>
        Task.FromResult(new GetCollectionInfoResponse { Result = server.Collection(request.CollectionName).Info() });

    public override Task<CollectionOperationResponse> Update(UpdateCollection request, ServerCallContext context)
    {
        server.Collection(request.CollectionName).Update(request);
        return Task.FromResult(new CollectionOperationResponse { Result = true });
    }

    public override Task<ListCollectionsResponse> List(ListCollectionsRequest request, ServerCallContext context) =>
        Task.FromResult(new ListCollectionsResponse { Collections = { server.Collections.Keys.Order().Select(n => new CollectionDescription { Name = n }) } });
}

/// <summary>Qdrant's <c>qdrant.Points</c> service: the calls the index makes, on the named collection.</summary>
internal sealed class FakeQdrantPointsService(FakeQdrantServer server) : Points.PointsBase
{
    public override Task<PointsOperationResponse> Upsert(UpsertPoints request, ServerCallContext context) =>
        Task.FromResult(Updated(server.Collection(request.CollectionName).Upsert(request.Points), request.Wait));

    public override Task<PointsOperationResponse> Delete(DeletePoints request, ServerCallContext context) =>
        Task.FromResult(Updated(server.Collection(request.CollectionName).Delete(request.Points), request.Wait));

    public override Task<PointsOperationResponse> CreateFieldIndex(CreateFieldIndexCollection request, ServerCallContext context) =>
        Task.FromResult(Updated(server.Collection(request.CollectionName).CreateFieldIndex(request), request.Wait));

    public override Task<CountResponse> Count(CountPoints request, ServerCallContext context) =>
        Task.FromResult(new CountResponse { Result = new() { Count = server.Collection(request.CollectionName).Count(request.Filter) } });

    public override Task<ScrollResponse> Scroll(ScrollPoints request, ServerCallContext context) =>
        Task.FromResult(server.Collection(request.CollectionName).Scroll(request));

    public override Task<FacetResponse> Facet(FacetCounts request, ServerCallContext context) =>
        Task.FromResult(server.Collection(request.CollectionName).Facet(request));

    public override Task<QueryResponse> Query(QueryPoints request, ServerCallContext context) =>
        Task.FromResult(new QueryResponse { Result = { server.Collection(request.CollectionName).Query(request) } });

    private static PointsOperationResponse Updated(ulong operationId, bool wait) =>
        new() { Result = new() { OperationId = operationId, Status = wait ? UpdateStatus.Completed : UpdateStatus.Acknowledged } };
}

/// <summary>Qdrant's <c>qdrant.Qdrant</c> health check, as the official client's <c>HealthAsync</c> calls it.</summary>
internal sealed class FakeQdrantHealthService : Wire.Qdrant.QdrantBase
{
    public override Task<HealthCheckReply> HealthCheck(HealthCheckRequest request, ServerCallContext context) =>
        Task.FromResult(new HealthCheckReply { Title = "qdrant - vector search engine", Version = "1.19.0" });
}
