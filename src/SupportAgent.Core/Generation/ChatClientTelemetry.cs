using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SupportAgent.Core.Observability;

namespace SupportAgent.Core.Generation;

public static class ChatClientTelemetry
{
    /// <summary>
    /// Every chat call (answers and condensation, base model and adapters) as an OpenTelemetry span and token metrics
    /// under the agent's own source, following the GenAI semantic conventions. Prompts and replies stay out of the
    /// spans: they hold customers' words and tenants' documents.
    /// </summary>
    public static IChatClient WithTelemetry(this IChatClient client, IServiceProvider services) =>
        client.AsBuilder()
            .UseOpenTelemetry(services.GetService<ILoggerFactory>(), ChatTelemetry.SourceName, c => c.EnableSensitiveData = false)
            .Build(services);
}
