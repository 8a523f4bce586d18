using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace SupportAgent.Core.Generation;

/// <summary>
/// One Semantic Kernel per route's chat client (the base model, each adapter), built the first time the route is used
/// and kept as long as the client lives: building one per attempt showed up on every answered turn. Answers and query
/// condensation both run through these kernels, so there is one LLM stack with one place for its telemetry.
/// </summary>
public sealed class ChatKernels
{
    private readonly ConditionalWeakTable<IChatClient, Kernel> kernels = new();

    public Kernel For(IChatClient client) => kernels.GetValue(client, static c =>
    {
        var builder = Kernel.CreateBuilder();
        builder.Services.AddSingleton<IChatCompletionService>(c.AsChatCompletionService());
        return builder.Build();
    });

    /// <summary>The settings a route sends: its exact model (an adapter's name on vLLM/LoRAX, or the base model).</summary>
    public static PromptExecutionSettings Settings(ChatRoute route, double? temperature = null) => new()
    {
        ModelId = route.Model,
        ExtensionData = temperature is { } t ? new Dictionary<string, object> { ["temperature"] = t } : null,
    };
}
