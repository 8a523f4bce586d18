using Grpc.Core;
using Microsoft.Extensions.Logging;
using Polly;
using Qdrant.Client;

namespace SupportAgent.Core.Retrieval.Qdrant;

/// <summary>
/// Runs one Qdrant call through the retry pipeline; what is left surfaces as a <see cref="QdrantException"/> with
/// Qdrant's message and status. A caller's cancellation stays an <see cref="OperationCanceledException"/>, so it is
/// never mistaken for an outage.
/// </summary>
public sealed class QdrantCalls(QdrantConnection connection, QdrantOptions options, TimeProvider clock, ILogger log)
{
    private readonly ResiliencePipeline pipeline = QdrantResilience.Build(options, clock, log);

    public async Task<T> RunAsync<T>(string what, Func<QdrantClient, CancellationToken, Task<T>> call, CancellationToken ct)
    {
        try { return await pipeline.ExecuteAsync(async t => await call(connection.Client, t), ct); }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && ct.IsCancellationRequested)
        { throw new OperationCanceledException($"Qdrant {what} cancelled by the caller.", e, ct); }
        catch (RpcException e)
        { throw new QdrantException(Describe(e, what), e.StatusCode, e); }
        catch (global::Qdrant.Client.QdrantException e)
        { throw new QdrantException($"Qdrant at {connection.Address} did not complete the {what}: {e.Message}", null, e); }
    }

    public Task RunAsync(string what, Func<QdrantClient, CancellationToken, Task> call, CancellationToken ct) =>
        RunAsync<bool>(what, async (client, t) => { await call(client, t); return true; }, ct);

    private string Describe(RpcException e, string what) => e.StatusCode switch
    {
        StatusCode.DeadlineExceeded => $"Qdrant at {connection.Address} did not answer the {what} within its {options.TimeoutSeconds:0.###} s deadline.",
        StatusCode.Unavailable when e.Status.DebugException is { } cause =>
            $"Qdrant at {connection.Address} is unreachable ({what}): {cause.Message}",
        _ => $"Qdrant at {connection.Address} refused the {what} with {e.StatusCode}: {e.Status.Detail}",
    };
}
