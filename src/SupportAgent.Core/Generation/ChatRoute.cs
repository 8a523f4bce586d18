using Microsoft.Extensions.AI;

namespace SupportAgent.Core.Generation;

/// <summary>
/// One way to reach a chat model for a request: the client, the exact <c>model</c> to send (a LoRA adapter's name
/// on vLLM/LoRAX, or the base model), and which adapter it is, if any.
/// </summary>
public sealed record ChatRoute(IChatClient Client, string Model, string? Adapter = null);
