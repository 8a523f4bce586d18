using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using OpenAI;
using SupportAgent.Core.Generation;

namespace SupportAgent.Core.Adapters;

/// <summary>
/// One <see cref="IChatClient"/> per adapter (server, key and name), created once and reused (the OpenAI client pools
/// connections). Adapters are registered at run time, so their clients cannot be keyed services known at start-up.
/// The client is bound to the adapter's name, so <c>"model"</c> is the adapter even if a caller sets no model.
/// </summary>
public sealed class AdapterClients(OutboundEndpointGuard guard, IServiceProvider services) : IDisposable
{
    // Tenant-supplied endpoints: every connection goes through the guard (public addresses only, no redirects).
    private readonly HttpClient http = new(guard.CreateHandler());
    private readonly ConcurrentDictionary<(string Endpoint, string? ApiKey, string Model), IChatClient> clients = new();

    public IChatClient For(string endpoint, string? apiKey, string model) => clients.GetOrAdd((endpoint, apiKey, model), key =>
        new OpenAIClient(new ApiKeyCredential(key.ApiKey ?? "none"), new OpenAIClientOptions
        {
            Endpoint = new Uri($"{key.Endpoint}/v1"),
            // No hidden retries: the generator retries once and then falls back, and the breaker must see every failure.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            Transport = new HttpClientPipelineTransport(http),
        }).GetChatClient(key.Model).AsIChatClient().WithTelemetry(services));

    public void Dispose()
    {
        foreach (var client in clients.Values) client.Dispose();
        http.Dispose();
    }
}
