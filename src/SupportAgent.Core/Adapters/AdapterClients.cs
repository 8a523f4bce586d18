using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using OpenAI;

namespace SupportAgent.Core.Adapters;

/// <summary>
/// One <see cref="IChatClient"/> per adapter server and key, created once and reused (the OpenAI client pools
/// connections). Adapters are registered at run time, so their clients cannot be keyed services known at start-up.
/// </summary>
public sealed class AdapterClients : IDisposable
{
    private readonly ConcurrentDictionary<(string Endpoint, string? ApiKey), IChatClient> clients = new();

    public IChatClient For(string endpoint, string? apiKey) => clients.GetOrAdd((endpoint, apiKey), key =>
        new OpenAIClient(new ApiKeyCredential(key.ApiKey ?? "none"), new OpenAIClientOptions
        {
            Endpoint = new Uri($"{key.Endpoint}/v1"),
            // No hidden retries: the generator retries once and then falls back, and the breaker must see every failure.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        }).GetChatClient("adapter").AsIChatClient());

    public void Dispose()
    {
        foreach (var client in clients.Values) client.Dispose();
    }
}
