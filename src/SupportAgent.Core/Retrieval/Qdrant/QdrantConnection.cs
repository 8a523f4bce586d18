using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.Extensions.Options;
using Qdrant.Client;
using Qdrant.Client.Grpc;

namespace SupportAgent.Core.Retrieval.Qdrant;

/// <summary>
/// The one gRPC channel to Qdrant and the official client over it. A channel multiplexes every call over long-lived
/// HTTP/2 connections, so there is one per process. Every call carries the <c>api-key</c> metadata (when configured).
/// The client is given no timeout of its own: the per-attempt deadline is <see cref="QdrantResilience"/>'s, on the
/// injected clock.
/// </summary>
public sealed class QdrantConnection : IDisposable
{
    private readonly GrpcChannel channel;

    public QdrantConnection(IOptions<QdrantOptions> options)
    {
        var o = options.Value;
        Address = new Uri(o.Url!);
        channel = GrpcChannel.ForAddress(Address, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                // Detects a Qdrant that vanished without closing the connection (a node killed, a network partition).
                KeepAlivePingDelay = TimeSpan.FromSeconds(30),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
                EnableMultipleHttp2Connections = true,
                ConnectTimeout = o.Timeout,
            },
        });
        var apiKey = string.IsNullOrEmpty(o.ApiKey) ? null : o.ApiKey;
        var invoker = channel.Intercept(metadata =>
        {
            if (apiKey is not null) metadata.Add("api-key", apiKey);
            return metadata;
        });
        Client = new QdrantClient(new QdrantGrpcClient(invoker));
    }

    public QdrantClient Client { get; }

    /// <summary>For messages to operators: which Qdrant did not answer.</summary>
    public Uri Address { get; }

    public void Dispose() => channel.Dispose();
}
