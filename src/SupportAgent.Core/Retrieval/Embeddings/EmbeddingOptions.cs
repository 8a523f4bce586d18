using System.ComponentModel.DataAnnotations;

namespace SupportAgent.Core.Retrieval.Embeddings;

/// <summary>Which embedding model turns chunks and queries into dense vectors (see docs/architecture.md).</summary>
public sealed class EmbeddingOptions : IValidatableObject
{
    public const string SectionName = "SupportAgent:Embeddings";

    /// <summary>
    /// <c>minilm</c> / <c>arctic-xs</c>: a sentence-embedding model shipped in a NuGet package, run in process (the
    /// default is chosen by measurement, see docs/retrieval.md); <c>hashing</c>: a deterministic lexical hashing
    /// embedding (word and character n-grams), no model needed; <c>openai</c>: any OpenAI-compatible
    /// <c>/v1/embeddings</c> endpoint; <c>onnx</c>: a local BERT-style model file.
    /// </summary>
    [Required, RegularExpression("^(minilm|arctic-xs|hashing|openai|onnx)$", ErrorMessage = "Embeddings Provider must be 'minilm', 'arctic-xs', 'hashing', 'openai' or 'onnx'.")]
    public string Provider { get; set; } = DefaultProvider;

    /// <summary>The shipped model used when nothing is configured.</summary>
    public const string DefaultProvider = "minilm";

    /// <summary>Base URL of the OpenAI-compatible API, e.g. <c>https://api.openai.com/v1</c> or <c>http://localhost:11434/v1</c>.</summary>
    public string? Endpoint { get; set; }

    public string? Model { get; set; }

    public string? ApiKey { get; set; }

    /// <summary>Vector size: the hashing embedding's width, or the size requested from an endpoint that supports it.</summary>
    [Range(8, 8192)]
    public int? Dimensions { get; set; }

    public string? OnnxModelPath { get; set; }

    public string? VocabPath { get; set; }

    /// <summary>Longest input in word pieces for an ONNX model; longer text is truncated (BERT models allow 512).
    /// Unset: 256 for an <c>onnx</c> file, the model's own window for a shipped model.</summary>
    [Range(8, 512)]
    public int? OnnxMaxTokens { get; set; }

    /// <summary>A remote endpoint's limit per request (<c>openai</c>); a slower answer counts as a failure and is retried.</summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Retries of a remote endpoint's passing failures (<c>openai</c>), with exponential backoff from <see cref="RetryDelayMilliseconds"/>.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    [Range(0, 60_000)]
    public int RetryDelayMilliseconds { get; set; } = 500;

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (Provider == "openai")
        {
            if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out _))
                yield return new ValidationResult("Embeddings Endpoint must be an absolute URL when Provider is 'openai'.", [nameof(Endpoint)]);
            if (string.IsNullOrWhiteSpace(Model))
                yield return new ValidationResult("Embeddings Model is required when Provider is 'openai'.", [nameof(Model)]);
        }
        if (Provider == "onnx")
        {
            if (string.IsNullOrWhiteSpace(OnnxModelPath) || !File.Exists(OnnxModelPath))
                yield return new ValidationResult($"Embeddings OnnxModelPath '{OnnxModelPath}' must name an existing model.onnx when Provider is 'onnx'.", [nameof(OnnxModelPath)]);
            if (string.IsNullOrWhiteSpace(VocabPath) || !File.Exists(VocabPath))
                yield return new ValidationResult($"Embeddings VocabPath '{VocabPath}' must name an existing vocab.txt when Provider is 'onnx'.", [nameof(VocabPath)]);
        }
    }
}
