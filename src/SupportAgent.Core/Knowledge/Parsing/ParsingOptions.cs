using System.ComponentModel.DataAnnotations;

namespace SupportAgent.Core.Knowledge.Parsing;

/// <summary>
/// The sandbox of limits every uploaded file is parsed in. A file is hostile until parsed: these bound how deep,
/// how large, how long and how much memory one document may take, so a crafted file fails on its own instead of
/// taking the process (and every other tenant's ingestion) down with it.
/// </summary>
public sealed class ParsingOptions
{
    public const string SectionName = "SupportAgent:Ingestion:Parsing";

    /// <summary>Deepest element nesting (HTML elements, Word XML, PDF objects). Real documents stay far below 100.</summary>
    [Range(8, 4096)]
    public int MaxNestingDepth { get; set; } = 256;

    /// <summary>Largest uncompressed size of all parts of a .docx together; checked by decompressing before opening.</summary>
    [Range(1024, 4L * 1024 * 1024 * 1024)]
    public long MaxUncompressedBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Highest uncompressed/compressed ratio of a .docx part; Word's XML compresses ~5-20x, a bomb 1000x.</summary>
    [Range(2, 100_000)]
    public int MaxCompressionRatio { get; set; } = 200;

    /// <summary>Most characters of text one document may yield (about 10,000 pages).</summary>
    [Range(1024, int.MaxValue)]
    public int MaxTextChars { get; set; } = 30_000_000;

    /// <summary>Most pages read from one PDF.</summary>
    [Range(1, 100_000)]
    public int MaxPdfPages { get; set; } = 5_000;

    /// <summary>Wall time to parse and chunk one document.</summary>
    public TimeSpan MaxParseTime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Bytes one document's parse and chunking may allocate (garbage included): a memory budget per document.</summary>
    [Range(1024 * 1024, long.MaxValue)]
    public long MaxAllocatedBytes { get; set; } = 8L * 1024 * 1024 * 1024;

    /// <summary>Stack of the thread a document is parsed on: deep enough that no capped nesting can overflow it.</summary>
    [Range(1024 * 1024, 1024 * 1024 * 1024)]
    public int ParserStackBytes { get; set; } = 64 * 1024 * 1024;
}
