using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using SupportAgent.Core.Outcomes;

namespace SupportAgent.Core.Adapters;

/// <summary>
/// Asks the adapter server's <c>GET /v1/models</c> whether the adapter is really served on the stated base model,
/// so a typo is caught at registration instead of failing every customer request later.
/// vLLM lists each <c>--lora-modules</c> adapter with <c>parent</c> = its base model; LoRAX lists the base model and
/// loads adapters on demand by their id (<c>owner/name</c>), so for LoRAX the base model must be listed.
/// The endpoint is tenant-supplied, so no answer of the server (status, body, model ids, error text) is repeated to the
/// tenant, and every failure to reach it reads the same: closed and open ports look alike.
/// </summary>
public sealed class AdapterServerCheck(HttpClient http)
{
    /// <returns>null when the adapter is served on the base model; otherwise the refusal saying what is wrong, for the admin.</returns>
    public async Task<Refusal?> CheckAsync(string endpoint, string? apiKey, string name, string baseModel, CancellationToken ct)
    {
        ModelList? models;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{endpoint}/v1/models");
            if (apiKey is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            using var response = await http.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode) return Unreachable(endpoint);
            models = await response.Content.ReadFromJsonAsync<ModelList>(ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException or NotSupportedException)
        {
            return Unreachable(endpoint);
        }

        var served = models?.Data ?? [];
        var adapter = served.FirstOrDefault(m => m.Id == name);
        if (adapter is not null)
            return adapter.Parent == baseModel ? null
                : Refusal.Invalid(adapter.Parent is null ? $"'{name}' is served as a base model, not as a LoRA adapter on '{baseModel}'."
                    : $"Adapter '{name}' is served on a different base model than '{baseModel}'.");
        if (served.Any(m => m.Id == baseModel) && name.Contains('/'))
            return null; // LoRAX: adapters are loaded on demand by id, only the base model is listed
        return Refusal.Invalid($"Adapter '{name}' is not served at {endpoint}. Start vLLM with --enable-lora --lora-modules {name}=<path> "
            + $"on '{baseModel}', or register a LoRAX adapter id (owner/name) on a LoRAX server serving '{baseModel}'.");
    }

    private static Refusal Unreachable(string endpoint) => Refusal.Invalid(
        $"Could not list the models at {endpoint}/v1/models: check that the endpoint is an OpenAI-compatible server that is running and that the API key is right.");

    private sealed record ModelList([property: JsonPropertyName("data")] List<ServedModel>? Data);

    private sealed record ServedModel(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("parent")] string? Parent);
}
