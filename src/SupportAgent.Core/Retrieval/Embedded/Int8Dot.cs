using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SupportAgent.Core.Retrieval.Embedded;

/// <summary>
/// Dot product of two int8 vectors with SIMD. On AVX2 the classic sign trick: |a| (unsigned) × (b with a's sign)
/// through <c>vpmaddubsw</c> gives int16 pair sums, <c>vpmaddwd</c> with ones widens them to int32, 32 bytes per step.
/// It cannot saturate because quantised values stay in [-127, 127] (2 × 127² &lt; 2¹⁵). Elsewhere a portable widening loop.
/// </summary>
internal static class Int8Dot
{
    public static int Dot(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        if (b.Length < a.Length) throw new ArgumentException("Vectors must have one length.", nameof(b));
        ref var pa = ref MemoryMarshal.GetReference(a);
        ref var pb = ref MemoryMarshal.GetReference(b);
        var i = 0;
        var sum = 0;
        if (Avx2.IsSupported && a.Length >= 32)
        {
            var ones = Vector256.Create((short)1);
            var acc0 = Vector256<int>.Zero;
            var acc1 = Vector256<int>.Zero;
            for (; i <= a.Length - 64; i += 64)
            {
                acc0 = Avx2.Add(acc0, Step(ref pa, ref pb, i, ones));
                acc1 = Avx2.Add(acc1, Step(ref pa, ref pb, i + 32, ones));
            }
            for (; i <= a.Length - 32; i += 32) acc0 = Avx2.Add(acc0, Step(ref pa, ref pb, i, ones));
            sum = Vector256.Sum(Avx2.Add(acc0, acc1));
        }
        else if (Vector256.IsHardwareAccelerated && a.Length >= Vector256<sbyte>.Count)
        {
            var acc = Vector256<int>.Zero;
            for (; i <= a.Length - Vector256<sbyte>.Count; i += Vector256<sbyte>.Count)
            {
                var (aLow, aHigh) = Vector256.Widen(Vector256.LoadUnsafe(ref pa, (nuint)i));
                var (bLow, bHigh) = Vector256.Widen(Vector256.LoadUnsafe(ref pb, (nuint)i));
                var (p0, p1) = Vector256.Widen(aLow * bLow);
                var (p2, p3) = Vector256.Widen(aHigh * bHigh);
                acc += (p0 + p1) + (p2 + p3);
            }
            sum = Vector256.Sum(acc);
        }
        for (; i < a.Length; i++) sum += Unsafe.Add(ref pa, i) * Unsafe.Add(ref pb, i);
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Step(ref sbyte pa, ref sbyte pb, int offset, Vector256<short> ones)
    {
        var va = Vector256.LoadUnsafe(ref pa, (nuint)offset);
        var vb = Vector256.LoadUnsafe(ref pb, (nuint)offset);
        var pairs = Avx2.MultiplyAddAdjacent(Avx2.Abs(va), Avx2.Sign(vb, va));
        return Avx2.MultiplyAddAdjacent(pairs, ones);
    }
}
