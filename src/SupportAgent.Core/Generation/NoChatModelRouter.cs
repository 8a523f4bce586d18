namespace SupportAgent.Core.Generation;

/// <summary>The embedded default: no LLM configured, so there is nothing to route to.</summary>
public sealed class NoChatModelRouter : IChatModelRouter
{
    public ValueTask<IReadOnlyList<ChatRoute>> RoutesAsync(string tenantId, RoutePreference preference, CancellationToken ct) => ValueTask.FromResult<IReadOnlyList<ChatRoute>>([]);
    public ValueTask ReportAsync(string tenantId, ChatRoute route, bool succeeded, CancellationToken ct) => ValueTask.CompletedTask;
}
