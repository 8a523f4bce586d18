namespace SupportAgent.Core.Knowledge;

/// <summary>
/// The bytes an admin uploaded, kept beside the document row: the upload returns before indexing, so what was
/// accepted must survive a restart, and a retry or re-index needs the original file.
/// </summary>
public sealed class DocumentContent
{
    public required string TenantId { get; init; }
    public required string DocumentId { get; init; }
    /// <summary>The name the parser is chosen by (a .jsonl record keeps its file's name).</summary>
    public required string FileName { get; set; }
    public required byte[] Content { get; set; }
    public required string ContentHash { get; set; }
}
