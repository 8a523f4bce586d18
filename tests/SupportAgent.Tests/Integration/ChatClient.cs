using System.Net.Http.Json;
using System.Text.Json;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration;

/// <summary>Drives the widget's HTTP surface the way an embedding site would.</summary>
public sealed class ChatClient(SupportAgentApp app, string tenant, string widgetKey) : IDisposable
{
    private readonly HttpClient http = app.ClientWithKey(widgetKey);

    public async Task<string> StartAsync()
    {
        var response = await http.PostAsync($"/api/tenants/{tenant}/conversations", null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conversationId").GetString()!;
    }

    public Task<HttpResponseMessage> PostAsync(string conversationId, string? text) =>
        http.PostAsJsonAsync($"/api/tenants/{tenant}/conversations/{conversationId}/messages", new { text });

    public async Task<JsonElement> AskAsync(string conversationId, string text)
    {
        var response = await PostAsync(conversationId, text);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public void Dispose() => http.Dispose();
}
