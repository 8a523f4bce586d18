using System.IO.Compression;

namespace SupportAgent.Core.Knowledge.Parsing;

/// <summary>
/// Checks a zip container (.docx) before any library opens it: every part is decompressed into nothing and counted,
/// so a part whose header lies about its size is caught too. A 2.8 MB file holding 830 MB of XML is refused after
/// reading at most the limit, instead of being loaded into memory.
/// </summary>
internal static class ZipLimits
{
    /// <summary>Parts smaller than this cannot be a bomb whatever their ratio (a run of spaces compresses 1000:1).</summary>
    private const long RatioFloorBytes = 1024 * 1024;
    private const int MaxEntries = 10_000;

    public static void Check(byte[] content, ParseBudget budget)
    {
        var limits = budget.Limits;
        using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
        if (zip.Entries.Count > MaxEntries)
            throw new DocumentRejectedException($"'{budget.FileName}' has {zip.Entries.Count:N0} parts; the limit is {MaxEntries:N0}.");
        var buffer = new byte[81920];
        long total = 0;
        foreach (var entry in zip.Entries)
        {
            Refuse(entry.FullName, entry.Length, entry.CompressedLength, total + entry.Length);
            using var part = entry.Open();
            long size = 0;
            int read;
            while ((read = part.Read(buffer)) > 0)
            {
                budget.Check();
                size += read;
                Refuse(entry.FullName, size, entry.CompressedLength, total + size);
            }
            total += size;
        }

        void Refuse(string part, long size, long compressed, long sum)
        {
            if (sum > limits.MaxUncompressedBytes)
                throw new DocumentRejectedException($"'{budget.FileName}' expands to more than {Mb(limits.MaxUncompressedBytes)} when unzipped; the limit protects the server from decompression bombs.");
            if (size > RatioFloorBytes && size > (long)limits.MaxCompressionRatio * Math.Max(compressed, 1))
                throw new DocumentRejectedException($"'{budget.FileName}' is a decompression bomb: its part '{part}' expands more than {limits.MaxCompressionRatio}:1.");
        }
    }

    private static string Mb(long bytes) => $"{bytes / (1024 * 1024):N0} MB";
}
