using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SupportAgent.Core.Generation;

/// <summary>
/// Every tenant gets the configured base model, or nothing when no LLM is configured (then answers are extractive).
/// The client is the keyed <see cref="IChatClient"/> registered under <see cref="ClientKey"/>; the router never builds one.
/// </summary>
public sealed class BaseChatModelRouter(IOptions<LlmOptions> options, IServiceProvider services) : IChatModelRouter
{
    public const string ClientKey = "base";

    private readonly IReadOnlyList<ChatRoute> routes = options.Value.IsConfigured
        ? [new ChatRoute(services.GetRequiredKeyedService<IChatClient>(ClientKey), options.Value.Model!)]
        : [];

    public ValueTask<IReadOnlyList<ChatRoute>> RoutesAsync(string tenantId, RoutePreference preference, CancellationToken ct) =>
        ValueTask.FromResult(preference == RoutePreference.Adapter ? [] : routes);

    public ValueTask ReportAsync(string tenantId, ChatRoute route, bool succeeded, CancellationToken ct) => ValueTask.CompletedTask;
}
