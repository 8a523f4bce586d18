namespace SupportAgent.Core.Adapters;

/// <summary>
/// A tenant's adapter registration as the turn read it together with its conversation (<see cref="Registration"/> is
/// null when the tenant has none), so routing the turn's answer needs no read of its own. Read in the same round trip
/// as the rest of the turn's state, from the shared database: what every replica routes by.
/// </summary>
public sealed record KnownAdapter(Adapter? Registration);
