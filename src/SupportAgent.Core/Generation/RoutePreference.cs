namespace SupportAgent.Core.Generation;

/// <summary>
/// Which chat model routes a turn may use. Live traffic is <see cref="Auto"/> (the tenant's active adapter, then the
/// base model). The adapter evaluation gate measures each side alone, without fallback: <see cref="Base"/> or
/// <see cref="Adapter"/> (the latter even for a registered, not-yet-active adapter). Pinned turns are measured, not
/// policed: their failures never suspend an adapter.
/// </summary>
public enum RoutePreference
{
    Auto,
    Base,
    Adapter,
}
