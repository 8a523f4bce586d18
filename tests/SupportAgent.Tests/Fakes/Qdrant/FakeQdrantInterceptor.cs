using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace SupportAgent.Tests.Fakes.Qdrant;

/// <summary>
/// What happens to every call before a service sees it, in Qdrant's order: the api-key check (the <c>api-key</c>
/// metadata or <c>authorization: Bearer</c>, else UNAUTHENTICATED with Qdrant's messages), then the fake's faults.
/// </summary>
internal sealed class FakeQdrantInterceptor(FakeQdrantServer server) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var key = context.RequestHeaders.GetValue("api-key");
        if (key is null && context.RequestHeaders.GetValue("authorization") is { } auth && auth.StartsWith("Bearer ", StringComparison.Ordinal))
            key = auth["Bearer ".Length..];
        var parts = context.Method.Trim('/').Split('/');
        server.Record(new(parts[0], parts[1], Copy((IMessage)request), key, context.Deadline));

        if (server.ApiKey is not null)
        {
            if (key is null) throw new RpcException(new Status(StatusCode.Unauthenticated, "Must provide an API key or an Authorization bearer token"));
            if (key != server.ApiKey) throw new RpcException(new Status(StatusCode.Unauthenticated, "Invalid API key or JWT"));
        }
        if (server.Delay > TimeSpan.Zero && (server.DelayOnly is null || server.DelayOnly == parts[1]))
        {
            // context.CancellationToken fires when the client's deadline passes or it gives up, as with Qdrant (tonic).
            try { await Task.Delay(server.Delay, context.CancellationToken); }
            catch (OperationCanceledException)
            {
                server.RecordCutOff();
                throw new RpcException(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"));
            }
        }
        if (server.TryTakeFailure(out var failure, out var trailers)) throw new RpcException(failure, trailers);
        return await continuation(request, context);
    }

    /// <summary>A snapshot of the request as it arrived, for assertions, whatever the service later does with it.</summary>
    private static IMessage Copy(IMessage message) => message.Descriptor.Parser.ParseFrom(message.ToByteString());
}
