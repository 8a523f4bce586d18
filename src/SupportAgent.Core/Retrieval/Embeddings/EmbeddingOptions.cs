using System.ComponentModel.DataAnnotations;

namespace SupportAgent.Core.Retrieval.Embeddings;

/// <summary>Which embedding model turns chunks and queries into dense vectors (see docs/architecture.md).</summary>
public sealed class EmbeddingOptions : IValidatableObject
{
    public const string SectionName = "SupportAgent:Embeddings";

    /// <summary>
    /// <c>hashing</c>: a deterministic lexical hashing embedding (word and character n-grams), no model needed;
    /// <c>openai</c>: any OpenAI-compatible <c>/v1/embeddings</c> endpoint; <c>onnx</c>: a local BERT-style model.
    /// </summary>
    [Required, RegularExpression("^(hashing|openai|onnx)$", ErrorMessage = "Embeddings Provider must be 'hashing', 'openai' or 'onnx'.")]
    public string Provider { get; set; } = "hashing";

    /// <summary>Base URL of the OpenAI-compatible API, e.g. <c>https://api.openai.com/v1</c> or <c>http://localhost:11434/v1</c>.</summary>
    public string? Endpoint { get; set; }

    public string? Model { get; set; }

    public string? ApiKey { get; set; }

    /// <summary>Vector size: the hashing embedding's width, or the size requested from an endpoint that supports it.</summary>
    [Range(8, 8192)]
    public int? Dimensions { get; set; }

    public string? OnnxModelPath { get; set; }

    public string? VocabPath { get; set; }

    /// <summary>Longest input in word pieces for the ONNX model; longer text is truncated (BERT models allow 512).</summary>
    [Range(8, 8192)]
    public int OnnxMaxTokens { get; set; } = 256;

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
