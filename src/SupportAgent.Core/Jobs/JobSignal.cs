namespace SupportAgent.Core.Jobs;

/// <summary>Wakes this process's idle workers when it queues a job itself; jobs queued by other replicas are found by polling.</summary>
public sealed class JobSignal
{
    private readonly SemaphoreSlim signal = new(0);

    public void Notify()
    {
        // One waiting worker is enough per job; never let the count run away while all workers are busy.
        if (signal.CurrentCount < 64) signal.Release();
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => signal.WaitAsync(timeout, ct);
}
