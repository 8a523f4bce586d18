namespace SupportAgent.Tools.Bench;

/// <summary>Samples the server's memory while a run is going, because the peak matters more than the value at the end.</summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public long PeakBytes { get; private set; }

    public MemorySampler(BenchCluster server)
    {
        loop = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                PeakBytes = Math.Max(PeakBytes, server.MemoryBytes() ?? 0);
                try { await Task.Delay(200, stop.Token); } catch (OperationCanceledException) { }
            }
        });
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
    }
}
