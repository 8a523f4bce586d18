using System.ComponentModel.DataAnnotations;

namespace SupportAgent.Core.Generation;

/// <summary>The base chat model: any OpenAI-compatible endpoint (OpenAI, Azure OpenAI, Ollama, vLLM). No endpoint = extractive answers.</summary>
public sealed class LlmOptions : IValidatableObject
{
    public const string SectionName = "SupportAgent:Llm";

    /// <summary>Base URL of the OpenAI-compatible API, e.g. <c>http://localhost:11434/v1</c>.</summary>
    [Url]
    public string? Endpoint { get; set; }

    public string? Model { get; set; }

    /// <summary>Optional: local servers (Ollama, vLLM) usually need none.</summary>
    public string? ApiKey { get; set; }

    /// <summary>One attempt's limit; a slower model is treated like a failure (retried once, then escalated).</summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Pause before the single retry of a failed attempt.</summary>
    [Range(0, 60_000)]
    public int RetryBackoffMs { get; set; } = 500;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Endpoint);

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (IsConfigured && string.IsNullOrWhiteSpace(Model))
            yield return new ValidationResult("SupportAgent:Llm:Model is required when SupportAgent:Llm:Endpoint is set.", [nameof(Model)]);
    }
}
