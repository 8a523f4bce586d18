using System.Net.Http.Headers;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace SupportAgent.Server.Health;

/// <summary>The LLM endpoint settings readiness needs; the same <c>SupportAgent:Llm</c> section the generator reads.</summary>
public sealed class LlmEndpointOptions
{
    public const string SectionName = "SupportAgent:Llm";
    public string? Endpoint { get; set; }
    public string? ApiKey { get; set; }
}

/// <summary>
/// When an LLM endpoint is configured, it must answer the OpenAI-compatible <c>GET models</c> listing (cheap, no
/// tokens spent) with success. Without one the server answers extractively, so there is nothing to check.
/// </summary>
public sealed class LlmReadiness(IOptions<LlmEndpointOptions> options, IHttpClientFactory http) : IHealthCheck
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
