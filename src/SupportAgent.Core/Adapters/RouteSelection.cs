namespace SupportAgent.Core.Adapters;

public enum RouteKind { Base, Adapter }

/// <summary>
/// Pins routing to one side for the duration of an async flow: the evaluation gate runs the same cases once on the
/// base model and once on the adapter (even a not-yet-active one), without fallback, so each side is measured alone.
/// </summary>
public static class RouteSelection
{
    private static readonly AsyncLocal<RouteKind?> Pinned = new();

    public static RouteKind? Current => Pinned.Value;

    public static IDisposable Pin(RouteKind kind)
    {
        var previous = Pinned.Value;
        Pinned.Value = kind;
        return new Restore(previous);
    }

    private sealed class Restore(RouteKind? previous) : IDisposable
    {
        public void Dispose() => Pinned.Value = previous;
    }
}
