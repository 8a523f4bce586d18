using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using SupportAgent.Server.Conversations;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration;

/// <summary>
/// Drives the widget's HTTP surface the way an embedding site would: it keeps each conversation's token and sends it
/// (<c>X-Conversation-Token</c>) with every call about that conversation.
/// </summary>
public sealed class ChatClient(SupportAgentApp app, string tenant, string widgetKey) : IDisposable
{
    private readonly HttpClient http = app.ClientWithKey(widgetKey);
    private readonly ConcurrentDictionary<string, string> tokens = new();

    public async Task<string> StartAsync()
    {
        var response = await http.PostAsync($"/api/tenants/{tenant}/conversations", null);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("conversationId").GetString()!;
        tokens[id] = body.GetProperty("conversationToken").GetString()!;
        return id;
    }

    /// <summary>The token the server issued for a conversation this client started.</summary>
    public string TokenOf(string conversationId) => tokens[conversationId];

    public Task<HttpResponseMessage> PostAsync(string conversationId, string? text) =>
        PostJsonAsync(conversationId, $"/api/tenants/{tenant}/conversations/{conversationId}/messages", new { text });

    public Task<HttpResponseMessage> FeedbackAsync(string conversationId, string messageId, object body) =>
        PostJsonAsync(conversationId, $"/api/tenants/{tenant}/conversations/{conversationId}/messages/{messageId}/feedback", body);

    public async Task<JsonElement> AskAsync(string conversationId, string text)
    {
        var response = await PostAsync(conversationId, text);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private Task<HttpResponseMessage> PostJsonAsync(string conversationId, string path, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (tokens.TryGetValue(conversationId, out var token)) request.Headers.Add("X-Conversation-Token", token);
        return http.SendAsync(request);
    }

    public void Dispose() => http.Dispose();
}

/// <summary>The widget's hub calls, each carrying the conversation's token as the widget does.</summary>
public static class WidgetHub
{
    public static Task<ConversationsApi.StartResponse> StartConversationAsync(this HubConnection hub) =>
        hub.InvokeAsync<ConversationsApi.StartResponse>("StartConversation");

    public static IAsyncEnumerable<ChatStreamItem> SendMessageAsync(this HubConnection hub, ConversationsApi.StartResponse conversation, string text) =>
        hub.StreamAsync<ChatStreamItem>("SendMessage", conversation.ConversationId, conversation.ConversationToken, text);

    /// <summary>Sends a message and waits for the whole reply.</summary>
    public static async Task<ChatStreamItem> AskAsync(this HubConnection hub, ConversationsApi.StartResponse conversation, string text)
    {
        ChatStreamItem? last = null;
        await foreach (var item in hub.SendMessageAsync(conversation, text)) last = item;
        return last!;
    }
}
