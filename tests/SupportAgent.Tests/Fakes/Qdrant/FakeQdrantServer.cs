using System.Collections.Concurrent;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Fakes.Qdrant;

/// <summary>
/// Qdrant 1.19 in process: a real Kestrel server on 127.0.0.1 (HTTP/2, a free port) serving Qdrant's own gRPC
/// services, generated from Qdrant's protos, for the calls the product makes. It really stores points, applies
/// filters, scores cosine and idf-weighted sparse dot products and fuses prefetches with RRF (k = 2), and answers
/// errors with Qdrant's status codes and messages, so the official client is exercised for real. Faults:
/// <see cref="FailNext"/>, <see cref="Delay"/> (a call past its deadline is cut off, as Qdrant does), and
/// <see cref="StopAsync"/> for a server that is down.
/// </summary>
public sealed class FakeQdrantServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<RecordedCall> calls = new();
    private readonly ConcurrentQueue<Status> failures = new();
    private readonly ConcurrentQueue<Metadata> failureTrailers = new();

    /// <summary>Every call as received (after the api-key check was recorded, before any fault).</summary>
    /// <param name="Method">The gRPC method, e.g. <c>Query</c> or <c>Upsert</c>.</param>
    /// <param name="Deadline">The deadline the client sent; <see cref="DateTime.MaxValue"/> when it sent none.</param>
    public sealed record RecordedCall(string Service, string Method, IMessage Request, string? ApiKey, DateTime Deadline);

    public ConcurrentDictionary<string, FakeQdrantCollection> Collections { get; } = new();
    public string? ApiKey { get; }
    public Uri Url { get; private set; } = null!;
    /// <summary>Added before every answer: a slow server. The call ends early when the client's deadline passes.</summary>
    public TimeSpan Delay { get; set; }
    /// <summary>When set, <see cref="Delay"/> applies to calls of this gRPC method only (e.g. <c>Query</c>).</summary>
    public string? DelayOnly { get; set; }
    public IReadOnlyList<RecordedCall> Calls => [.. calls];
    /// <summary>Calls the client gave up on while the server was still working on them (it stops, as Qdrant does).</summary>
    public int CutOff => cutOff;
    private int cutOff;

    private FakeQdrantServer(string? apiKey)
    {
        ApiKey = apiKey;
        app = LoopbackServer.Create(HttpProtocols.Http2, services =>
        {
            services.AddSingleton(this);
            services.AddGrpc(o => o.Interceptors.Add<FakeQdrantInterceptor>());
        });
        app.MapGrpcService<FakeQdrantCollectionsService>();
        app.MapGrpcService<FakeQdrantPointsService>();
        app.MapGrpcService<FakeQdrantHealthService>();
    }

    public static async Task<FakeQdrantServer> StartAsync(string? apiKey = null)
    {
        var server = new FakeQdrantServer(apiKey);
        server.Url = new Uri(await LoopbackServer.StartAsync(server.app));
        return server;
    }

    /// <summary>The next <paramref name="count"/> calls fail with <paramref name="code"/> and Qdrant's message for it.</summary>
    /// <param name="retryAfter">For ResourceExhausted: the <c>retry-after</c> trailer Qdrant sends with a rate limit.</param>
    /// <param name="insufficientStorage">For ResourceExhausted: Qdrant's marker for a full disk instead of a rate limit.</param>
    public void FailNext(int count, StatusCode code, TimeSpan? retryAfter = null, bool insufficientStorage = false)
    {
        var detail = code switch
        {
            StatusCode.ResourceExhausted when insufficientStorage => "Insufficient storage: No space left on device",
            StatusCode.ResourceExhausted => "Rate limiting exceeded: Write rate limit exceeded, retry later",
            StatusCode.DeadlineExceeded => "Timeout: Operation 'query' timed out after 1 seconds",
            StatusCode.Unavailable => "Shard temporarily unavailable: No active replica for shard 0",
            StatusCode.Aborted => "Operation aborted: a conflicting operation is in progress",
            StatusCode.Internal => "Service internal error: simulated",
            _ => $"{code}",
        };
        for (var i = 0; i < count; i++)
        {
            var trailers = new Metadata();
            if (retryAfter is { } after) trailers.Add("retry-after", ((int)Math.Ceiling(after.TotalSeconds)).ToString());
            if (insufficientStorage) trailers.Add("qdrant-insufficient-storage", "1");
            failures.Enqueue(new Status(code, detail));
            failureTrailers.Enqueue(trailers);
        }
    }

    internal bool TryTakeFailure(out Status status, out Metadata trailers)
    {
        trailers = [];
        if (!failures.TryDequeue(out status)) return false;
        failureTrailers.TryDequeue(out trailers!);
        return true;
    }

    internal void Record(RecordedCall call) => calls.Enqueue(call);

    internal void RecordCutOff() => Interlocked.Increment(ref cutOff);

    /// <summary>
    /// Waits (up to 10 s) until <paramref name="count"/> calls were cut off: the client's cancellation reaches the
    /// server after the client has moved on. Returns how many were.
    /// </summary>
    public async Task<int> CutOffAsync(int count)
    {
        for (var i = 0; cutOff < count && i < 400; i++) await Task.Delay(25);
        return cutOff;
    }

    internal FakeQdrantCollection Collection(string name) =>
        Collections.TryGetValue(name, out var c) ? c : throw FakeQdrantErrors.NotFound($"Collection `{name}` doesn't exist!");

    /// <summary>Stops listening: connections are refused from now on, like a Qdrant that is down.</summary>
    public Task StopAsync() => app.StopAsync();

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
