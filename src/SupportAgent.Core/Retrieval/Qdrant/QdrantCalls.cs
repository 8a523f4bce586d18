using Grpc.Core;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Timeout;
using Qdrant.Client;

namespace SupportAgent.Core.Retrieval.Qdrant;

/// <summary>
/// Runs one Qdrant call through the deadline and retry pipeline (<see cref="QdrantResilience"/>); what is left surfaces
/// as a <see cref="QdrantException"/> with Qdrant's message and status (an attempt cut off at its deadline as
/// <c>DeadlineExceeded</c>). A caller's cancellation stays an <see cref="OperationCanceledException"/>, so it is never
/// mistaken for an outage.
/// </summary>
public sealed class QdrantCalls(QdrantConnection connection, QdrantOptions options, TimeProvider clock, ILogger log)
{
    private readonly ResiliencePipeline pipeline = QdrantResilience.Build(options, clock, log);

    public async Task<T> RunAsync<T>(string what, Func<QdrantClient, CancellationToken, Task<T>> call, CancellationToken ct)
    {
        try { return await pipeline.ExecuteAsync(t => AttemptAsync(call, t), ct); }
        catch (TimeoutRejectedException e)
        { throw new QdrantException(PastDeadline(what), StatusCode.DeadlineExceeded, e); }
        catch (RpcException e)
        { throw new QdrantException(Describe(e, what), e.StatusCode, e); }
        catch (global::Qdrant.Client.QdrantException e)
        { throw new QdrantException($"Qdrant at {connection.Address} did not complete the {what}: {e.Message}", null, e); }
    }

    /// <summary>
    /// gRPC reports a call cancelled through its token as status Cancelled; the pipeline needs the cancellation itself
    /// to tell its own deadline (then a timeout) from the caller's.
    /// </summary>
    private async ValueTask<T> AttemptAsync<T>(Func<QdrantClient, CancellationToken, Task<T>> call, CancellationToken token)
    {
        try { return await call(connection.Client, token); }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && token.IsCancellationRequested)
        { throw new OperationCanceledException("The Qdrant call was cancelled.", e, token); }
    }

    public Task RunAsync(string what, Func<QdrantClient, CancellationToken, Task> call, CancellationToken ct) =>
        RunAsync<bool>(what, async (client, t) => { await call(client, t); return true; }, ct);

    private string Describe(RpcException e, string what) => e.StatusCode switch
    {
        StatusCode.DeadlineExceeded => PastDeadline(what),
        StatusCode.Unavailable when e.Status.DebugException is { } cause =>
            $"Qdrant at {connection.Address} is unreachable ({what}): {cause.Message}",
        _ => $"Qdrant at {connection.Address} refused the {what} with {e.StatusCode}: {e.Status.Detail}",
    };

    private string PastDeadline(string what) =>
        $"Qdrant at {connection.Address} did not answer the {what} within its {options.TimeoutSeconds:0.###} s deadline.";
}
