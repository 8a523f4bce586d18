using System.Net.Http.Headers;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SupportAgent.Core.Generation;

namespace SupportAgent.Server.Health;

/// <summary>
/// When an LLM endpoint is configured, it must answer the OpenAI-compatible <c>GET models</c> listing (cheap, no
/// tokens spent) with success. Without one the server answers extractively, so there is nothing to check.
/// </summary>
public sealed class LlmReadiness(IOptions<LlmOptions> options, IHttpClientFactory http) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var llm = options.Value;
        if (string.IsNullOrWhiteSpace(llm.Endpoint)) return HealthCheckResult.Healthy("No LLM configured; answers are extractive.");
        var models = new Uri(llm.Endpoint.TrimEnd('/') + "/models");
        using var request = new HttpRequestMessage(HttpMethod.Get, models);
        if (!string.IsNullOrEmpty(llm.ApiKey)) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", llm.ApiKey);
        try
        {
            using var client = http.CreateClient(nameof(LlmReadiness));
            client.Timeout = TimeSpan.FromSeconds(5);
            using var response = await client.SendAsync(request, ct);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"The LLM endpoint answered {(int)response.StatusCode} to GET models.");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // /ready is anonymous, so the endpoint's address stays out of the answer; operators have it in their config.
            return HealthCheckResult.Unhealthy($"The LLM endpoint cannot be reached: {e.Message}");
        }
    }
}
