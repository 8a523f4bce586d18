using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.ML.Tokenizers;

namespace SupportAgent.Core.Retrieval.Embeddings;

/// <summary>
/// A local BERT-style sentence embedding model (e.g. all-MiniLM-L6-v2 exported to ONNX) run in process: WordPiece
/// tokens from the model's own <c>vocab.txt</c>, the token vectors of <c>last_hidden_state</c> mean-pooled over the
/// attention mask (padding must not dilute short texts in a batch), then L2-normalised for cosine search.
/// </summary>
public sealed class OnnxEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private const int BatchSize = 16;
    private readonly InferenceSession session;
    private readonly BertTokenizer tokenizer;
    private readonly int maxTokens;
    private readonly EmbeddingGeneratorMetadata metadata;

    public OnnxEmbeddingGenerator(string modelPath, string vocabPath, int maxTokens = 256)
    {
        session = new InferenceSession(modelPath);
        tokenizer = BertTokenizer.Create(vocabPath);
        this.maxTokens = Math.Max(maxTokens, 3);
        metadata = new EmbeddingGeneratorMetadata("onnx", new Uri(Path.GetFullPath(modelPath)), Path.GetFileNameWithoutExtension(modelPath));
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var batch in values.Chunk(BatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            result.AddRange(EmbedBatch(batch).Select(v => new Embedding<float>(v) { ModelId = metadata.DefaultModelId }));
        }
        return Task.FromResult(result);
    }

    private float[][] EmbedBatch(string[] texts)
    {
        var tokens = texts.Select(Tokenize).ToList();
        var length = tokens.Max(t => t.Count);
        var ids = new DenseTensor<long>([texts.Length, length]);
        var mask = new DenseTensor<long>([texts.Length, length]);
        var types = new DenseTensor<long>([texts.Length, length]);
        for (var b = 0; b < texts.Length; b++)
            for (var i = 0; i < tokens[b].Count; i++) { ids[b, i] = tokens[b][i]; mask[b, i] = 1; }

        // Exports differ in which of the three BERT inputs they declare; feed exactly the declared ones.
        var inputs = session.InputMetadata.Keys.Select(name => name switch
        {
            "input_ids" => NamedOnnxValue.CreateFromTensor(name, ids),
            "attention_mask" => NamedOnnxValue.CreateFromTensor(name, mask),
            "token_type_ids" => NamedOnnxValue.CreateFromTensor(name, types),
            _ => throw new InvalidOperationException($"The ONNX model expects an input '{name}'; a BERT-style model takes input_ids, attention_mask and token_type_ids."),
        }).ToList();
        using var outputs = session.Run(inputs);
        var output = (outputs.FirstOrDefault(o => o.Name == "last_hidden_state") ?? outputs.First()).AsTensor<float>();
        return [.. Enumerable.Range(0, texts.Length).Select(b => Pool(output, b, tokens[b].Count))];
    }

    /// <summary>Mean over the sequence's real tokens (rank-3 output), or the model's own pooled vector (rank 2); unit length.</summary>
    private static float[] Pool(Microsoft.ML.OnnxRuntime.Tensors.Tensor<float> output, int batch, int realTokens)
    {
        var dims = output.Dimensions;
        var hidden = dims[^1];
        var vector = new float[hidden];
        if (dims.Length == 2)
            for (var h = 0; h < hidden; h++) vector[h] = output[batch, h];
        else
        {
            for (var t = 0; t < realTokens; t++)
                for (var h = 0; h < hidden; h++) vector[h] += output[batch, t, h];
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
