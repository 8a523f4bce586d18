using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.ML.Tokenizers;

namespace SupportAgent.Core.Retrieval.Embeddings;

/// <summary>
/// A BERT-style sentence embedding model run in process with ONNX Runtime: WordPiece tokens from the model's own
/// vocabulary, <c>last_hidden_state</c> pooled the way the model was trained (mean over the attention mask, so padding
/// never dilutes a short text in a batch, or the [CLS] vector), then L2-normalised so dot product is cosine.
/// One instance (one <see cref="InferenceSession"/>) serves the whole process: <see cref="InferenceSession.Run(IReadOnlyCollection{NamedOnnxValue})"/>
/// is thread-safe, and each call uses every core for its matrix products, so concurrent callers simply queue on the CPU.
/// </summary>
public sealed class OnnxEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>Texts per model call at most: big enough to amortise the per-call overhead (see <see cref="Batches{T}"/> for lengths).</summary>
    internal const int BatchSize = 32;
    private readonly InferenceSession session;
    private readonly BertTokenizer tokenizer;
    private readonly int maxTokens;
    private readonly Pooling pooling;
    private readonly string? queryPrefix;
    private readonly string modelId;
    private readonly EmbeddingGeneratorMetadata metadata;
    private readonly string[] inputNames;

    /// <summary>A model file on disk (provider <c>onnx</c>): mean pooling, no query prefix.</summary>
    public OnnxEmbeddingGenerator(string modelPath, string vocabPath, int maxTokens = 256)
        : this(File.ReadAllBytes(modelPath), BertTokenizer.Create(vocabPath), Path.GetFileNameWithoutExtension(modelPath),
            Pooling.Mean, null, maxTokens, new Uri(Path.GetFullPath(modelPath)))
    {
    }

    /// <summary>A model shipped in a package (providers <c>minilm</c>, <c>arctic-xs</c>).</summary>
    public OnnxEmbeddingGenerator(SentenceModel model, int? maxTokens = null)
        : this(model.ReadModel(), model.ReadTokenizer(), model.ModelId, model.Pooling, model.QueryPrefix, maxTokens ?? model.MaxTokens, null)
    {
    }

    private OnnxEmbeddingGenerator(byte[] model, BertTokenizer tokenizer, string modelId, Pooling pooling, string? queryPrefix, int maxTokens, Uri? location)
    {
        using var options = new SessionOptions
        {
            // Intra-op threads parallelise one inference over the cores; inter-op parallelism buys nothing for BERT's chain of layers.
            IntraOpNumThreads = Environment.ProcessorCount,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        // Idle intra-op threads sleep instead of spinning: on a few cores the spinning threads took CPU from everything
        // else in the process (the ingestion's database work, other requests), and bench ingest ran faster without it.
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        session = new InferenceSession(model, options);
        inputNames = [.. session.InputMetadata.Keys];
        foreach (var name in inputNames)
            if (name is not ("input_ids" or "attention_mask" or "token_type_ids"))
                throw new InvalidOperationException($"The ONNX model expects an input '{name}'; a BERT-style model takes input_ids, attention_mask and token_type_ids.");
        this.tokenizer = tokenizer;
        this.modelId = modelId;
        this.pooling = pooling;
        this.queryPrefix = queryPrefix;
        this.maxTokens = Math.Max(maxTokens, 3);
        var output = session.OutputMetadata.TryGetValue("last_hidden_state", out var hiddenState) ? hiddenState : session.OutputMetadata.Values.First();
        var dimensions = output.Dimensions[^1];
        metadata = new EmbeddingGeneratorMetadata("onnx", location, modelId, dimensions > 0 ? dimensions : null);
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var prefix = EmbeddingPurpose.IsQuery(options) ? queryPrefix : null;
        var texts = values.Select(v => prefix + v).ToArray();
        var vectors = new float[texts.Length][];
        var order = Enumerable.Range(0, texts.Length).Select(i => (Index: i, Tokens: Tokenize(texts[i]))).OrderBy(t => t.Tokens.Count).ToArray();
        foreach (var batch in Batches(order))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var pooled = EmbedBatch([.. batch.Select(b => b.Tokens)]);
            for (var i = 0; i < batch.Length; i++) vectors[batch[i].Index] = pooled[i];
        }
        var result = new GeneratedEmbeddings<Embedding<float>>(texts.Length);
        result.AddRange(vectors.Select(v => new Embedding<float>(v) { ModelId = modelId }));
        return Task.FromResult(result);
    }

    /// <summary>
    /// Cuts texts sorted by length into model calls of similar lengths: a batch ends at <see cref="BatchSize"/> texts or
    /// when the next text is over a quarter longer than the batch's first. Sorting alone is not enough: across a few
    /// dozen texts of mixed lengths (short FAQ answers beside long reviews) a fixed-size cut padded most of a batch to its
    /// longest member, and the padded positions cost as much as real ones, so batching across documents used more CPU
    /// per text than embedding them one by one.
    /// </summary>
    internal static IEnumerable<T[]> Batches<T>(T[] sortedByLength, Func<T, int> length)
    {
        var start = 0;
        for (var i = 1; i <= sortedByLength.Length; i++)
        {
            if (i < sortedByLength.Length && i - start < BatchSize && length(sortedByLength[i]) <= MaxPaddedLength(length(sortedByLength[start]))) continue;
            yield return sortedByLength[start..i];
            start = i;
        }
    }

    /// <summary>The longest text a batch starting with a text of <paramref name="shortest"/> tokens takes: at most about a fifth of it is padding.</summary>
    internal static int MaxPaddedLength(int shortest) => shortest * 5 / 4 + 4;

    private IEnumerable<(int Index, IReadOnlyList<int> Tokens)[]> Batches((int Index, IReadOnlyList<int> Tokens)[] sorted) => Batches(sorted, t => t.Tokens.Count);

    private float[][] EmbedBatch(IReadOnlyList<int>[] tokens)
    {
        var length = tokens.Max(t => t.Count);
        var ids = new DenseTensor<long>([tokens.Length, length]);
        var mask = new DenseTensor<long>([tokens.Length, length]);
        var types = new DenseTensor<long>([tokens.Length, length]);
        for (var b = 0; b < tokens.Length; b++)
            for (var i = 0; i < tokens[b].Count; i++) { ids[b, i] = tokens[b][i]; mask[b, i] = 1; }

        // Exports differ in which of the three BERT inputs they declare; feed exactly the declared ones.
        var inputs = inputNames.Select(name => name switch
        {
            "input_ids" => NamedOnnxValue.CreateFromTensor(name, ids),
            "attention_mask" => NamedOnnxValue.CreateFromTensor(name, mask),
            _ => NamedOnnxValue.CreateFromTensor(name, types),
        }).ToList();
        using var outputs = session.Run(inputs);
        var output = (outputs.FirstOrDefault(o => o.Name == "last_hidden_state") ?? outputs.First()).AsTensor<float>();
        var pooled = new float[tokens.Length][];
        for (var b = 0; b < tokens.Length; b++) pooled[b] = Pool(output, b, tokens[b].Count);
        return pooled;
    }

    /// <summary>The model's pooling over the sequence's real tokens (rank-3 output), or its own pooled vector (rank 2); unit length.</summary>
    private float[] Pool(Microsoft.ML.OnnxRuntime.Tensors.Tensor<float> output, int batch, int realTokens)
    {
        var dims = output.Dimensions;
        var hidden = dims[^1];
        var vector = new float[hidden];
        ReadOnlySpan<float> span = output is DenseTensor<float> dense ? dense.Buffer.Span : output.ToArray();
        if (dims.Length == 2)
            span.Slice(batch * hidden, hidden).CopyTo(vector);
        else if (pooling == Pooling.Cls)
            span.Slice(batch * dims[1] * hidden, hidden).CopyTo(vector);
        else
        {
            var start = batch * dims[1] * hidden;
            for (var t = 0; t < realTokens; t++) TensorPrimitives.Add(vector, span.Slice(start + t * hidden, hidden), vector);
            TensorPrimitives.Divide(vector, realTokens, vector);
        }
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0) TensorPrimitives.Divide(vector, norm, vector);
        return vector;
    }

    /// <summary>[CLS] … [SEP] word pieces, cut to the model's window while keeping the closing [SEP].</summary>
    private IReadOnlyList<int> Tokenize(string text)
    {
        var ids = tokenizer.EncodeToIds(text);
        return ids.Count <= maxTokens ? ids : [.. ids.Take(maxTokens - 1), ids[^1]];
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata) ? metadata
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose() => session.Dispose();
}
