using System.Runtime.InteropServices;
using Microsoft.ML;

namespace SupportAgent.Core.Triage.Classification;

/// <summary>A trained classifier to and from the bytes kept in the database: ML.NET's model zip and the example vectors.</summary>
internal static class TriageModelBytes
{
    public static byte[] Model(TextClassifier classifier)
    {
        using var stream = new MemoryStream();
        new MLContext().Model.Save(classifier.Model, classifier.InputSchema, stream);
        return stream.ToArray();
    }

    /// <summary>Row count, width, then the floats.</summary>
    public static byte[] Vectors(float[][] vectors)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(vectors.Length);
            writer.Write(vectors.FirstOrDefault()?.Length ?? 0);
            foreach (var vector in vectors) writer.Write(MemoryMarshal.AsBytes(vector.AsSpan()));
        }
        return stream.ToArray();
    }

    public static TextClassifier Load(StoredTriageModel stored)
    {
        var ml = new MLContext(seed: 1);
        var transformer = ml.Model.Load(new MemoryStream(stored.Model!), out var schema);
        var vectors = ReadVectors(stored.Vectors);
        var limits = new OutOfScopeLimits(stored.OutOfScopeBelow ?? 0, stored.NearestBelow ?? -1);
        return new TextClassifier(ml, transformer, schema, limits, vectors, vectors.FirstOrDefault()?.Length ?? 0) { EmbeddingModel = stored.EmbeddingModel };
    }

    private static float[][] ReadVectors(byte[]? bytes)
    {
        if (bytes is not { Length: >= 8 }) return [];
        using var reader = new BinaryReader(new MemoryStream(bytes));
        var (rows, width) = (reader.ReadInt32(), reader.ReadInt32());
        var vectors = new float[rows][];
        for (var i = 0; i < rows; i++)
        {
            vectors[i] = new float[width];
            reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(vectors[i].AsSpan()));
        }
        return vectors;
    }
}
