using Microsoft.Extensions.Options;
using SupportAgent.Core.Hosting;

namespace SupportAgent.Server.Conversations;

/// <summary>The one place that decides whether a customer's text is acceptable; HTTP and the hub share it.</summary>
public sealed class MessageValidation(IOptions<ChatOptions> options)
{
    /// <summary>Told to the widget when a conversation starts, so its input limit is the configured one.</summary>
    public int MaxLength => options.Value.MaxMessageLength;

    public string? Problem(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "Message 'text' must not be empty.";
        var max = options.Value.MaxMessageLength;
        return text.Length > max ? $"Message 'text' is {text.Length} characters; the limit is {max}." : null;
    }
}
