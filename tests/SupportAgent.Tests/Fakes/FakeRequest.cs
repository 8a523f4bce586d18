using System.Text.Json;
using System.Text.Json.Nodes;

namespace SupportAgent.Tests.Fakes;

/// <summary>A recorded chat request: the model asked for, whether it streamed, and the messages as (role, content).</summary>
public sealed record FakeRequest(string Model, bool Stream, IReadOnlyList<(string Role, string Content)> Messages, string Authorization, JsonNode Body)
{
    /// <summary>All message contents joined, for "the prompt contains …" assertions.</summary>
    public string PromptText => string.Join("\n", Messages.Select(m => m.Content));

    public string System => string.Join("\n", Messages.Where(m => m.Role is "system" or "developer").Select(m => m.Content));

    internal static FakeRequest From(JsonNode body, string authorization)
    {
        var messages = body["messages"]?.AsArray().Select(m => (Role: m?["role"]?.GetValue<string>() ?? "", Content: ContentOf(m?["content"]))).ToList() ?? [];
        return new FakeRequest(body["model"]?.GetValue<string>() ?? "", body["stream"]?.GetValue<bool>() ?? false, messages, authorization, body);
    }

    /// <summary>Content is a string, or an array of parts like <c>{"type":"text","text":"…"}</c>.</summary>
    private static string ContentOf(JsonNode? content) => content switch
    {
        null => "",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>() ?? "")),
        _ => content.ToJsonString(),
    };
}
