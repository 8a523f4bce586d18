using Microsoft.Extensions.Time.Testing;

namespace SupportAgent.Tests.Unit.Resilience;

internal static class FakeClock
{
    /// <summary>
    /// Moves the fake clock in small steps until the call is done; returns how far it had to move. What a test asserts
    /// is how long the code chose to wait on its clock, never how long the machine took. Each step pauses a few real
    /// milliseconds for the code to react, so a test whose waits are tens of seconds long passes a larger
    /// <paramref name="step"/> (still finer than the smallest wait it asserts on).
    /// </summary>
    public static async Task<TimeSpan> DriveAsync(this FakeTimeProvider clock, Task call, TimeSpan? step = null)
    {
        var start = clock.GetUtcNow();
        var by = step ?? TimeSpan.FromMilliseconds(100);
        for (var i = 0; !call.IsCompleted && i < 5_000; i++)
        {
            clock.Advance(by);
            await Task.WhenAny(call, Task.Delay(5));
        }
        await call.ContinueWith(_ => { }, TaskScheduler.Default); // completion only; the caller observes the outcome
        return clock.GetUtcNow() - start;
    }
}
