using System.Collections.Concurrent;
using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using SupportAgent.Core.Retrieval.Embeddings;

namespace SupportAgent.Core.Answering.Semantic;

/// <summary>
/// Sentence vectors for answering: the customer's question, and the sentences and headings of the passages retrieval
/// offered. Passage sentences are embedded once and cached (the same help-centre sentences come back for question
/// after question), so a warm answer costs one query embedding. Semantic only with a real model: the lexical
/// <c>hashing</c> embedding measures shared words, which the callers already measure directly.
/// </summary>
public sealed class SentenceEmbeddings(IEmbeddingGenerator<string, Embedding<float>>? embedder = null)
{
    private const int CacheLimit = 50_000;
    private const int QueryCacheLimit = 1024;
    private readonly ConcurrentDictionary<string, float[]> passages = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, float[]> queries = new(StringComparer.Ordinal);

    /// <summary>
    /// A model whose similarities this product has calibrated (the shipped MiniLM). Other embedders, lexical ones in
    /// particular, keep the word-based paths: their cosines mean something else and no threshold here fits them.
    /// </summary>
    public bool Semantic => embedder is not null and not HashingEmbeddingGenerator && ConfidenceCalibration.For(ModelId) is not null;

    /// <summary>The model id, which picks the confidence calibration (a calibration holds for one model only).</summary>
    public string? ModelId => embedder?.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId;

    /// <summary>
    /// The question's vector. One customer turn asks for it from several stages (approved answers, confidence, the
    /// extractive answer), so recent questions are kept: the question is embedded once per turn. Shared: read only.
    /// </summary>
    public async Task<float[]> QueryAsync(string text, CancellationToken ct)
    {
        if (queries.TryGetValue(text, out var cached)) return cached;
        var vector = Unit(await embedder!.EmbedQueryAsync(text, ct));
        if (queries.Count >= QueryCacheLimit) queries.Clear();
        queries[text] = vector;
        return vector;
    }

    /// <summary>Vectors for passage texts, from the cache where possible; one batched call for the rest.</summary>
    public async Task<float[][]> PassagesAsync(IReadOnlyList<string> texts, CancellationToken ct)
    {
        var missing = texts.Where(t => !passages.ContainsKey(t)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            var vectors = await embedder!.EmbedPassagesAsync(missing, ct);
            if (passages.Count + missing.Count > CacheLimit) passages.Clear(); // rare; a cold cache only costs time
            for (var i = 0; i < missing.Count; i++) passages[missing[i]] = Unit(vectors[i]);
        }
        return [.. texts.Select(t => passages.TryGetValue(t, out var v) ? v : new float[0])];
    }

    public static double Cosine(float[] a, float[] b) => a.Length == 0 || a.Length != b.Length ? 0 : TensorPrimitives.Dot(a, b);

    private static float[] Unit(float[] vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0) TensorPrimitives.Divide(vector, norm, vector);
        return vector;
    }
}
