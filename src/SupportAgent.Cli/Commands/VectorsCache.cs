namespace SupportAgent.Cli.Commands;

/// <summary>
/// Sentence vectors of a labelled file kept between runs of <c>triage cv</c>: embedding ten thousand messages with the
/// model takes longer than training a fold, and the vectors do not change between folds or runs.
/// </summary>
internal static class VectorsCache
{
    /// <summary>The cached vectors, or null when there is no cache or it holds another number of examples.</summary>
    public static float[][]? Read(FileInfo? file, int count)
    {
        if (file is null || !file.Exists) return null;
        using var reader = new BinaryReader(file.OpenRead());
        if (reader.ReadInt32() != count) return null;
        var dimensions = reader.ReadInt32();
        var vectors = new float[count][];
        for (var i = 0; i < count; i++)
        {
            vectors[i] = new float[dimensions];
            for (var d = 0; d < dimensions; d++) vectors[i][d] = reader.ReadSingle();
        }
        return vectors;
    }

    public static void Write(FileInfo file, float[][] vectors)
    {
        using var writer = new BinaryWriter(file.Create());
        writer.Write(vectors.Length);
        writer.Write(vectors.Length == 0 ? 0 : vectors[0].Length);
        foreach (var vector in vectors)
            foreach (var value in vector) writer.Write(value);
    }
}
