using Microsoft.Extensions.AI;

namespace SupportAgent.Core.Retrieval.Embeddings;

/// <summary>
/// Whether a text is a search query or a passage being indexed. Retrieval-tuned models (arctic-embed) are trained with
/// an instruction in front of queries only; symmetric models (MiniLM, hashing) ignore the purpose. It travels in
/// <see cref="EmbeddingGenerationOptions.AdditionalProperties"/> under <c>input_type</c>, the name OpenAI-compatible
/// servers that distinguish the two use, so every <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> accepts it.
/// Without it a text is embedded as a passage.
/// </summary>
public static class EmbeddingPurpose
{
    public const string PropertyName = "input_type";
    public const string Query = "query";
    public const string Passage = "passage";

    /// <summary>One search query (a customer's question, a condensed conversation) as a vector.</summary>
    public static async Task<float[]> EmbedQueryAsync(this IEmbeddingGenerator<string, Embedding<float>> embedder, string text, CancellationToken ct = default) =>
        (await embedder.GenerateAsync([text], For(Query), ct))[0].Vector.ToArray();

    /// <summary>Several search queries, batched.</summary>
    public static async Task<float[][]> EmbedQueriesAsync(this IEmbeddingGenerator<string, Embedding<float>> embedder, IEnumerable<string> texts, CancellationToken ct = default) =>
        [.. (await embedder.GenerateAsync(texts, For(Query), ct)).Select(e => e.Vector.ToArray())];

    /// <summary>Passages to be searched (chunks, sentences, examples), batched.</summary>
    public static async Task<float[][]> EmbedPassagesAsync(this IEmbeddingGenerator<string, Embedding<float>> embedder, IEnumerable<string> texts, CancellationToken ct = default) =>
        [.. (await embedder.GenerateAsync(texts, For(Passage), ct)).Select(e => e.Vector.ToArray())];

    public static bool IsQuery(EmbeddingGenerationOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(PropertyName, out var value) == true && value as string == Query;

    /// <summary>The model id an embedder writes its vectors with: the key of a model's vectors in every index.</summary>
    public static string ModelId(this IEmbeddingGenerator<string, Embedding<float>> embedder) =>
        embedder.GetService<EmbeddingGeneratorMetadata>() is { DefaultModelId: { Length: > 0 } id } meta
            ? meta.DefaultModelDimensions is { } d ? $"{id}@{d}" : id
            : embedder.GetType().Name;

    private static EmbeddingGenerationOptions For(string purpose) => new() { AdditionalProperties = new() { [PropertyName] = purpose } };
}
