using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenAI;
using SupportAgent.Core.Adapters;
using SupportAgent.Core.Hosting;

namespace SupportAgent.Core.Generation;

public static class LlmServices
{
    /// <summary>
    /// The base model's client (keyed <c>base</c>) and the router: the tenant's active adapter first, then the base
    /// model. A host may register its own <see cref="IChatModelRouter"/> first.
    /// </summary>
    public static IServiceCollection AddBaseChatModel(this IServiceCollection services)
    {
        services.AddValidatedOptions<LlmOptions>(LlmOptions.SectionName);
        services.AddKeyedSingleton<IChatClient>(BaseChatModelRouter.ClientKey, (sp, _) =>
        {
            var llm = sp.GetRequiredService<IOptions<LlmOptions>>().Value;
            var client = new OpenAIClient(
                new ApiKeyCredential(string.IsNullOrEmpty(llm.ApiKey) ? "unused" : llm.ApiKey),
                new OpenAIClientOptions
                {
                    Endpoint = new Uri(llm.Endpoint!),
                    NetworkTimeout = TimeSpan.FromSeconds(llm.TimeoutSeconds + 5),
                    // The generator's pipeline owns retries (LlmResilience: one retry with backoff, then fallback or escalation).
                    RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                });
            return client.GetChatClient(llm.Model).AsIChatClient().WithTelemetry(sp);
        });
        services.AddSingleton<ChatKernels>();
        services.AddSingleton<BaseChatModelRouter>();
        services.TryAddSingleton<IChatModelRouter>(sp =>
            ActivatorUtilities.CreateInstance<AdapterAwareChatModelRouter>(sp, sp.GetRequiredService<BaseChatModelRouter>()));
        return services;
    }
}
