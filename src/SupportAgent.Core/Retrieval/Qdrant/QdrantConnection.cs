using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.Extensions.Options;
using Qdrant.Client;
using Qdrant.Client.Grpc;

namespace SupportAgent.Core.Retrieval.Qdrant;

/// <summary>
/// The one gRPC channel to Qdrant and the official client over it. A channel multiplexes every call over long-lived
/// HTTP/2 connections, so there is one per process. Every call carries the <c>api-key</c> metadata (when configured)
/// and a gRPC deadline (the official client sends none unless given a timeout). The deadline that decides is
/// <see cref="QdrantResilience"/>'s, per attempt on the injected clock, and cancels the call when it passes; the one on
/// the wire is <see cref="WireDeadlineMargin"/> later and only tells Qdrant when to stop on its own should that
/// cancellation never arrive (a client that hung or lost the connection half-way).
/// </summary>
public sealed class QdrantConnection : IDisposable
{
    /// <summary>How much later than the attempt's own deadline the one sent to Qdrant lies.</summary>
    public static readonly TimeSpan WireDeadlineMargin = TimeSpan.FromSeconds(5);

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
        Client = new QdrantClient(new QdrantGrpcClient(invoker), o.Timeout + WireDeadlineMargin);
    }

    public QdrantClient Client { get; }

    /// <summary>For messages to operators: which Qdrant did not answer.</summary>
    public Uri Address { get; }

    public void Dispose() => channel.Dispose();
}
