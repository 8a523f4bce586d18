using System.Runtime.InteropServices;

namespace SupportAgent.Core.Retrieval.Embedded;

/// <summary>Vectors are stored as raw little-endian float32 blobs: compact, and loaded into the matrix with one copy.</summary>
internal static class VectorBlob
{
    public static byte[] ToBytes(float[] vector) => MemoryMarshal.AsBytes(vector.AsSpan()).ToArray();

    public static void CopyTo(ReadOnlySpan<byte> blob, Span<float> destination) =>
        MemoryMarshal.Cast<byte, float>(blob).CopyTo(destination);
}
